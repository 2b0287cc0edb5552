using Squad.Core;
using Squad.Core.Tracking;
using Squad.Linear.Tests.Fakes;

namespace Squad.Linear.Tests;

public sealed class LinearTrackerProjectTests : IAsyncLifetime, IAsyncDisposable
{
    private readonly LinearHarness linear = new();

    public Task InitializeAsync() => Task.CompletedTask;

    // xUnit 2 calls IAsyncLifetime.DisposeAsync on a test class, never IAsyncDisposable's.
    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    public async Task DisposeAsync() => await linear.DisposeAsync();

    private const string ProjectUrl = $"https://linear.app/acme/project/checkout-{LinearHarness.SlugId}/issues";

    [Fact]
    public async Task LoadProjectAsync_StateAndLabel_ReturnsTheMatchingIssuesOneMilestoneEach()
    {
        var ready = linear.Store.AddLabel("squad-ready", linear.Team);
        var gamma = linear.Store.AddMilestone("Checkout", LinearHarness.SlugId, "Gamma");
        var loose = linear.Store.AddIssue(linear.Team, null, 4);
        loose.ProjectId = linear.Milestone.ProjectId;
        FakeIssue[] labelled = [linear.AddIssue(1), linear.AddIssue(2, "In Progress"), linear.Store.AddIssue(linear.Team, gamma, 3), loose];
        foreach (var issue in labelled)
        {
            issue.LabelIds.Add(ready.Id);
        }

        linear.AddIssue(5);

        var milestones = await linear.Tracker.LoadProjectAsync(ProjectUrl, new IssueFilter { State = "todo", Label = "Squad-Ready" });

        Assert.Equal(
            [
                ($"linear:milestone:{linear.Milestone.Id}", "Checkout / Beta", "ENG-1"),
                ($"linear:milestone:{gamma.Id}", "Checkout / Gamma", "ENG-3"),
                ($"linear:project:{linear.Milestone.ProjectId}", "Checkout", "ENG-4"),
            ],
            milestones.Select(m => (m.Key, m.Name, string.Join(",", m.Issues.Select(i => i.Identifier)))));
        Assert.All(milestones, m => Assert.Equal("acme/checkout", m.Repository));
        var request = Assert.Single(linear.RequestsFor("ProjectIssues"));
        Assert.Equal(LinearHarness.SlugId, request.Variables["id"]!.GetValue<string>());
        Assert.Equal(
            """{"state":{"name":{"eqIgnoreCase":"todo"}},"labels":{"name":{"eqIgnoreCase":"Squad-Ready"}}}""",
            request.Variables["filter"]!.ToJsonString());
    }

    [Fact]
    public async Task LoadProjectAsync_StateOnlyOverManyIssues_ReadsEveryPageWithoutALabelFilter()
    {
        for (var n = 1; n <= 60; n++)
        {
            linear.AddIssue(n, n % 2 == 0 ? "Todo" : "Backlog");
        }

        var milestone = Assert.Single(await linear.Tracker.LoadProjectAsync(ProjectUrl, new IssueFilter { State = "Todo" }));

        Assert.Equal(Enumerable.Range(1, 30).Select(n => $"ENG-{n * 2}"), milestone.Issues.Select(i => i.Identifier));
        var pages = linear.RequestsFor("ProjectIssues");
        Assert.Single(pages);
        Assert.Equal("""{"state":{"name":{"eqIgnoreCase":"Todo"}}}""", pages[0].Variables["filter"]!.ToJsonString());
    }

    [Fact]
    public async Task LoadProjectAsync_NothingMatches_ReturnsNoMilestone()
    {
        linear.AddIssue(1, "Done");

        var milestones = await linear.Tracker.LoadProjectAsync(ProjectUrl, new IssueFilter { State = "Todo" });

        Assert.Empty(milestones);
    }

    [Fact]
    public async Task LoadProjectAsync_MilestoneUrl_IsRefusedWithWhatToPaste()
    {
        var error = await LinearHarness.FailsAsync(() => linear.Tracker.LoadProjectAsync(linear.MilestoneUrl, new IssueFilter { State = "Todo" }));

        Assert.Equal(SquadErrorCode.InvalidInput, error.Code);
        Assert.StartsWith("a sweep's project must be a Linear project URL", error.Message, StringComparison.Ordinal);
        Assert.Empty(linear.Server.Requests);
    }

    [Fact]
    public async Task LoadProjectAsync_UnknownProject_SaysSo()
    {
        var error = await LinearHarness.FailsAsync(() => linear.Tracker.LoadProjectAsync("https://linear.app/acme/project/other-ffffffffffff", new IssueFilter { Label = "x" }));

        Assert.Contains("Linear has no project ffffffffffff", error.Message, StringComparison.Ordinal);
    }
}
