using Squad.Core.Tracking;

namespace Squad.Linear.Tests;

/// <summary>
/// The Healer's stub filed in Linear with <c>issueCreate</c>: in the loaded milestone's team, project and milestone,
/// labelled, and found again by its hidden marker, so a rerun after a kill files nothing twice.
/// </summary>
public sealed class LinearIssueFilerTests : IAsyncLifetime, IAsyncDisposable
{
    private const string Marker = "<!-- squad:healer HEAL-1 acme/checkout cause 0123abcd -->";
    private readonly LinearHarness linear = new();

    public Task InitializeAsync() => Task.CompletedTask;

    // xUnit 2 calls IAsyncLifetime.DisposeAsync on a test class, never IAsyncDisposable's.
    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    public async Task DisposeAsync() => await linear.DisposeAsync();

    private static IssueDraft Draft => new()
    {
        Identifier = "HEAL-1",
        Title = "Main is red: 'smoke' fails",
        Body = "Main of acme/checkout is red.\n\n" + Marker,
        Marker = Marker,
        Labels = ["bug", "squad:healer"],
    };

    [Fact]
    public async Task CreateIssue_TwiceFromFreshTrackers_FilesOneLabelledIssueInTheMilestone()
    {
        linear.AddIssue(1);
        var milestone = await linear.Tracker.LoadMilestoneAsync(linear.MilestoneUrl);

        var filed = await linear.Tracker.CreateIssueAsync(milestone, Draft);

        // A rerun is a new process: a new tracker, the milestone loaded again (it now holds the stub), the same draft.
        using var http = new HttpClient();
        var rerun = new LinearTracker(http, new LinearOptions { Endpoint = linear.Server.Endpoint, Credential = Fakes.FakeLinearServer.ApiKey }, LinearHarness.Repositories, linear.Time);
        var reloaded = await rerun.LoadMilestoneAsync(linear.MilestoneUrl);
        var again = await rerun.CreateIssueAsync(reloaded, Draft);

        Assert.Equal("ENG-2", filed);
        Assert.Equal(filed, again);
        Assert.Single(linear.RequestsFor("IssueCreate"));
        Assert.Contains(reloaded.Issues, i => i.Identifier == "ENG-2");
        var stub = linear.Store.Issue("ENG-2");
        Assert.Equal(linear.Milestone.Id, stub.MilestoneId);
        Assert.Equal(linear.Milestone.ProjectId, stub.ProjectId);
        Assert.EndsWith(Marker, stub.Description, StringComparison.Ordinal);
        Assert.Equal(["bug", "squad:healer"], linear.Store.LabelNamesOf(stub).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task CreateIssue_AnotherAttemptsMarker_FilesItsOwnIssue()
    {
        linear.AddIssue(1).Description = "Hostile text quoting a stub: <!-- squad:healer HEAL-1 acme/checkout cause ffff0000 -->";
        var milestone = await linear.Tracker.LoadMilestoneAsync(linear.MilestoneUrl);

        Assert.Equal("ENG-2", await linear.Tracker.CreateIssueAsync(milestone, Draft));
    }

    [Fact]
    public async Task CreateIssue_MilestoneNotLoadedFromLinear_FailsWithOneLineAndFilesNothing()
    {
        var milestone = new Core.Domain.Milestone { Key = "/tmp/notes", Name = "notes", Repository = "notes", Issues = [] };

        var error = await LinearHarness.FailsAsync(() => linear.Tracker.CreateIssueAsync(milestone, Draft));

        Assert.Contains("load the milestone from Linear first", error.Message, StringComparison.Ordinal);
        Assert.Empty(linear.RequestsFor("IssueCreate"));
    }
}
