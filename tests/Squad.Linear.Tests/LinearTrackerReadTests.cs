using Squad.Core;
using Squad.Core.Domain;
using Squad.Linear.Tests.Fakes;
using Squad.Testing;

namespace Squad.Linear.Tests;

public sealed class LinearTrackerReadTests : IAsyncLifetime, IAsyncDisposable
{
    private readonly LinearHarness linear = new();

    public Task InitializeAsync() => Task.CompletedTask;

    // xUnit 2 calls IAsyncLifetime.DisposeAsync on a test class, never IAsyncDisposable's.
    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    public async Task DisposeAsync() => await linear.DisposeAsync();

    [Fact]
    public async Task LoadMilestoneAsync_MilestoneOf120Issues_ReadsEveryPage()
    {
        for (var n = 1; n <= 120; n++)
        {
            linear.AddIssue(n);
        }

        var milestone = await linear.Tracker.LoadMilestoneAsync(linear.MilestoneUrl);

        Assert.Equal(Enumerable.Range(1, 120).Select(n => $"ENG-{n}"), milestone.Issues.Select(i => i.Identifier));
        var pages = linear.RequestsFor("MilestoneIssues");
        Assert.Equal(3, pages.Count);
        Assert.Equal(new string?[] { null, "50", "100" }, pages.Select(p => p.Variables["after"]?.GetValue<string>()));
        Assert.All(pages, p => Assert.Equal(50, p.Variables["first"]!.GetValue<int>()));
        Assert.Equal($"linear:milestone:{linear.Milestone.Id}", milestone.Key);
        Assert.Equal("Checkout / Beta", milestone.Name);
        Assert.Equal("acme/checkout", milestone.Repository);
    }

    [Fact]
    public async Task LoadMilestoneAsync_IssueFields_MapsEveryField()
    {
        var issue = linear.AddIssue(7, "In Review");
        issue.Title = "Add coupon codes";
        issue.Description = "## Acceptance\n```gherkin\nScenario: x\n```";
        issue.Priority = 2;
        issue.Estimate = 3;
        issue.LabelIds.Add(linear.Store.AddLabel("backend", linear.Team).Id);
        issue.LabelIds.Add(linear.Store.AddLabel("Feature", null).Id);

        var loaded = Assert.Single((await linear.Tracker.LoadMilestoneAsync(linear.MilestoneUrl)).Issues);

        Assert.Equal("ENG-7", loaded.Identifier);
        Assert.Equal("Add coupon codes", loaded.Title);
        Assert.Equal(issue.Description, loaded.Description);
        Assert.Equal("In Review", loaded.State);
        Assert.Equal(IssueStateType.Review, loaded.StateType);
        Assert.Equal(["backend", "Feature"], loaded.Labels);
        Assert.Equal(2, loaded.Priority);
        Assert.Equal(3, loaded.Estimate);
        Assert.Equal("dev/eng-7-issue-7", loaded.BranchName);
        Assert.Equal("https://linear.app/acme/issue/eng-7/x", loaded.Url);
    }

    [Theory]
    [InlineData("Triage", IssueStateType.Backlog)]
    [InlineData("Backlog", IssueStateType.Backlog)]
    [InlineData("Todo", IssueStateType.Unstarted)]
    [InlineData("In Progress", IssueStateType.Started)]
    [InlineData("Done", IssueStateType.Completed)]
    [InlineData("Canceled", IssueStateType.Canceled)]
    [InlineData("Duplicate", IssueStateType.Canceled)]
    public async Task LoadMilestoneAsync_StateType_MapsToSquadsStateType(string state, IssueStateType expected)
    {
        linear.AddIssue(1, state);

        var loaded = Assert.Single((await linear.Tracker.LoadMilestoneAsync(linear.MilestoneUrl)).Issues);

        Assert.Equal(expected, loaded.StateType);
        Assert.Equal(state, loaded.State);
        Assert.Null(loaded.Estimate);
        Assert.Equal("", loaded.Description);
    }

    [Fact]
    public async Task LoadMilestoneAsync_BlocksRelations_BecomeBlockedByOfTheBlockedIssue()
    {
        var blocker = linear.AddIssue(1);
        var blocked = linear.AddIssue(2);
        var done = linear.AddIssue(3, "Done");
        var related = linear.AddIssue(4);
        var elsewhere = linear.Store.AddIssue(linear.Team, null, 99);
        linear.Store.Relations.AddRange(
        [
            new FakeRelation(blocker.Id, blocked.Id, "blocks"),
            new FakeRelation(done.Id, blocked.Id, "blocks"),
            new FakeRelation(related.Id, blocked.Id, "related"),
            new FakeRelation(elsewhere.Id, blocked.Id, "blocks"),
            new FakeRelation(blocked.Id, related.Id, "duplicate"),
        ]);

        var issues = (await linear.Tracker.LoadMilestoneAsync(linear.MilestoneUrl)).Issues.ToDictionary(i => i.Identifier);

        Assert.Equal(["ENG-1", "ENG-99"], issues["ENG-2"].BlockedBy);
        Assert.Empty(issues["ENG-1"].BlockedBy);
        Assert.Empty(issues["ENG-4"].BlockedBy);
    }

    [Fact]
    public async Task LoadMilestoneAsync_IssueWithMoreLabelsAndRelationsThanAPage_FetchesTheRest()
    {
        var issue = linear.AddIssue(1);
        for (var n = 1; n <= 25; n++)
        {
            issue.LabelIds.Add(linear.Store.AddLabel($"label-{n}", linear.Team).Id);
            var blocker = linear.Store.AddIssue(linear.Team, null, 100 + n);
            linear.Store.Relations.Add(new FakeRelation(blocker.Id, issue.Id, "blocks"));
        }

        var loaded = Assert.Single((await linear.Tracker.LoadMilestoneAsync(linear.MilestoneUrl)).Issues);

        Assert.Equal(Enumerable.Range(1, 25).Select(n => $"label-{n}"), loaded.Labels);
        Assert.Equal(Enumerable.Range(101, 25).Select(n => $"ENG-{n}"), loaded.BlockedBy);
        Assert.Equal("20", Assert.Single(linear.RequestsFor("IssueLabels")).Variables["after"]!.GetValue<string>());
        Assert.Single(linear.RequestsFor("IssueInverseRelations"));
    }

    [Fact]
    public async Task LoadMilestoneAsync_ProjectUrlWithMilestoneName_LoadsThatMilestone()
    {
        var other = linear.Store.AddMilestone("Checkout", LinearHarness.SlugId, "GA");
        linear.Store.AddIssue(linear.Team, other, 5);
        linear.AddIssue(6);

        var url = LinearUrl.Parse($"https://linear.app/acme/project/checkout-{LinearHarness.SlugId}/overview", "ga");
        var milestone = await linear.Tracker.LoadMilestoneAsync(url);

        Assert.Equal($"linear:milestone:{other.Id}", milestone.Key);
        Assert.Equal("ENG-5", Assert.Single(milestone.Issues).Identifier);
        Assert.Equal(LinearHarness.SlugId, Assert.Single(linear.RequestsFor("ProjectMilestones")).Variables["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task LoadMilestoneAsync_UnknownMilestoneName_SaysWhichNamesExist()
    {
        var url = LinearUrl.Parse($"https://linear.app/acme/project/checkout-{LinearHarness.SlugId}", "Gamma");

        var error = await LinearHarness.FailsAsync(() => linear.Tracker.LoadMilestoneAsync(url));

        Assert.Equal(SquadErrorCode.InvalidInput, error.Code);
        Assert.Equal("project 'Checkout' has no milestone named 'Gamma' (it has 'Beta'): pass one of those to --milestone", error.Message);
    }

    [Fact]
    public async Task LoadMilestoneAsync_IssueUrl_LoadsAMilestoneOfOne()
    {
        linear.AddIssue(1);
        linear.AddIssue(2);

        var milestone = await linear.Tracker.LoadMilestoneAsync("https://linear.app/acme/issue/eng-2/whatever");

        Assert.Equal("linear:issue:ENG-2", milestone.Key);
        Assert.Equal("ENG-2", Assert.Single(milestone.Issues).Identifier);
        Assert.Equal("acme/checkout", milestone.Repository);
    }

    [Theory]
    [InlineData("https://linear.app/acme/project/checkout-1a2b3c4d5e6f/overview#milestone-9b6a1f2e-3c4d-4e5f-8a9b-0c1d2e3f4a5b", "Linear has no milestone 9b6a1f2e-3c4d-4e5f-8a9b-0c1d2e3f4a5b this key can see")]
    [InlineData("https://linear.app/acme/issue/ENG-404/x", "Linear has no issue ENG-404 this key can see")]
    [InlineData("https://linear.app/acme/project/nope-0f0f0f0f0f0f", "Linear has no project 0f0f0f0f0f0f this key can see")]
    public async Task LoadMilestoneAsync_NotFound_ThrowsInvalidInputInOneLine(string url, string start)
    {
        var error = await LinearHarness.FailsAsync(() => url.Contains("/issue/", StringComparison.Ordinal) || url.Contains('#', StringComparison.Ordinal)
            ? linear.Tracker.LoadMilestoneAsync(url)
            : linear.Tracker.LoadMilestoneAsync(LinearUrl.Parse(url, "Beta")));

        Assert.Equal(SquadErrorCode.InvalidInput, error.Code);
        Assert.StartsWith(start, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadMilestoneAsync_TeamWithoutRepository_ThrowsInvalidConfiguration()
    {
        linear.Store.AddIssue(linear.Store.AddTeam("OPS"), linear.Milestone, 1);

        var error = await LinearHarness.FailsAsync(() => linear.Tracker.LoadMilestoneAsync(linear.MilestoneUrl));

        Assert.Equal(SquadErrorCode.InvalidConfiguration, error.Code);
        Assert.StartsWith("no repository configured for team OPS (project 'Checkout'): ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadMilestoneAsync_TeamsMappedToDifferentRepositories_ThrowsInvalidConfiguration()
    {
        linear.AddIssue(1);
        linear.Store.AddIssue(linear.Store.AddTeam("WEB"), linear.Milestone, 2);
        using var http = new HttpClient();
        var options = new LinearOptions { Endpoint = linear.Server.Endpoint, Credential = FakeLinearServer.ApiKey };
        var byTeam = new Dictionary<string, string> { ["eng"] = "acme/checkout", ["WEB"] = "acme/web" };
        var tracker = new LinearTracker(http, options, byTeam, linear.Time);

        var error = await LinearHarness.FailsAsync(() => tracker.LoadMilestoneAsync(linear.MilestoneUrl));

        Assert.Equal(SquadErrorCode.InvalidConfiguration, error.Code);
        Assert.StartsWith("milestone 'Checkout / Beta' spans repositories acme/checkout, acme/web: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadMilestoneAsync_TwoTeamsMappedToOneRepository_LoadsBoth()
    {
        linear.AddIssue(1);
        linear.Store.AddIssue(linear.Store.AddTeam("WEB"), linear.Milestone, 2);
        using var http = new HttpClient();
        var options = new LinearOptions { Endpoint = linear.Server.Endpoint, Credential = FakeLinearServer.ApiKey };
        var tracker = new LinearTracker(http, options, new Dictionary<string, string> { ["ENG"] = "acme/app", ["WEB"] = "acme/app" }, linear.Time);

        var milestone = await tracker.LoadMilestoneAsync(linear.MilestoneUrl);

        Assert.Equal("acme/app", milestone.Repository);
        Assert.Equal(["ENG-1", "WEB-2"], milestone.Issues.Select(i => i.Identifier));
    }

    [Fact]
    public async Task LoadMilestoneAsync_CancelledWhileWaitingOutARateLimit_StopsWithoutRetrying()
    {
        linear.AddIssue(1);
        linear.Server.Enqueue(FakeLinearAnswers.RateLimited(LinearHarness.Start.AddSeconds(30)));
        var clock = new ManualTimeProvider(LinearHarness.Start);
        using var http = new HttpClient();
        var options = new LinearOptions { Endpoint = linear.Server.Endpoint, Credential = FakeLinearServer.ApiKey };
        var tracker = new LinearTracker(http, options, (_, _) => "acme/checkout", clock);
        using var stop = new CancellationTokenSource();

        var load = tracker.LoadMilestoneAsync(linear.MilestoneUrl, stop.Token);
        await clock.WaitForTimerAsync(TimeSpan.FromSeconds(30));
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => load);
        Assert.Single(linear.Server.Requests);
    }

    [Fact]
    public async Task LoadMilestoneAsync_EmptyMilestone_ThrowsInvalidInput()
    {
        var error = await LinearHarness.FailsAsync(() => linear.Tracker.LoadMilestoneAsync(linear.MilestoneUrl));

        Assert.Equal(SquadErrorCode.InvalidInput, error.Code);
        Assert.Contains("has no issues in Linear", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadMilestoneAsync_NotALinearUrl_ThrowsInvalidInputWithoutCallingLinear()
    {
        var error = await LinearHarness.FailsAsync(() => linear.Tracker.LoadMilestoneAsync("https://linear.app/acme/team/ENG/active"));

        Assert.Equal(SquadErrorCode.InvalidInput, error.Code);
        Assert.Empty(linear.Server.Requests);
    }
}
