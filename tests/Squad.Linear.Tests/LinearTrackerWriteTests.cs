using Squad.Core;
using Squad.Core.Domain;
using Squad.Linear.Tests.Fakes;

namespace Squad.Linear.Tests;

public sealed class LinearTrackerWriteTests : IAsyncLifetime, IAsyncDisposable
{
    private readonly LinearHarness linear = new();
    private readonly FakeIssue issue;

    public LinearTrackerWriteTests() => issue = linear.AddIssue(1);

    public Task InitializeAsync() => Task.CompletedTask;

    // xUnit 2 calls IAsyncLifetime.DisposeAsync on a test class, never IAsyncDisposable's.
    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    public async Task DisposeAsync() => await linear.DisposeAsync();

    [Theory]
    [InlineData(IssueStateType.Started, "In Progress")]
    [InlineData(IssueStateType.Review, "In Review")]
    [InlineData(IssueStateType.Completed, "Done")]
    [InlineData(IssueStateType.Canceled, "Canceled")]
    [InlineData(IssueStateType.Backlog, "Backlog")]
    public async Task MoveAsync_StateType_MovesToTheTeamsFirstStateOfThatType(IssueStateType type, string expected)
    {
        await linear.Tracker.MoveAsync("ENG-1", type);

        Assert.Equal(expected, linear.Store.StateOf(issue).Name);
        var update = Assert.Single(linear.RequestsFor("IssueUpdateState"));
        Assert.Equal(issue.Id, update.Variables["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task MoveAsync_StartedWhileInAStartedState_SendsNoUpdate()
    {
        issue.StateId = linear.Store.StateOf(linear.Team, "In Progress").Id;
        linear.Store.States.Add(new FakeState("doing", linear.Team.Id, "Doing", "started", -1));

        await linear.Tracker.MoveAsync("ENG-1", IssueStateType.Started);

        Assert.Equal("In Progress", linear.Store.StateOf(issue).Name);
        Assert.Empty(linear.RequestsFor("IssueUpdateState"));
    }

    [Fact]
    public async Task MoveAsync_StartedWhileInReview_MovesBackToTheFirstStartedStateThatIsNotReview()
    {
        issue.StateId = linear.Store.StateOf(linear.Team, "In Review").Id;

        await linear.Tracker.MoveAsync("ENG-1", IssueStateType.Started);

        Assert.Equal("In Progress", linear.Store.StateOf(issue).Name);
    }

    [Fact]
    public async Task MoveAsync_ReviewWithoutAReviewStateInTheTeam_LeavesTheIssueWhereItIs()
    {
        await using var other = new LinearHarness(configure: o => o with { ReviewStateName = "Code Review" });
        var todo = other.AddIssue(1);

        await other.Tracker.MoveAsync("ENG-1", IssueStateType.Review);

        Assert.Equal("Todo", other.Store.StateOf(todo).Name);
        Assert.Empty(other.RequestsFor("IssueUpdateState"));
        Assert.Single(other.RequestsFor("TeamStates"));
        Assert.Contains(other.Log.Entries, e => e.Message == "Team ENG has no workflow state named Code Review: ENG-1 stays where it is on review");
    }

    [Fact]
    public async Task MoveAsync_TwoMovesInOneTeam_ReadsTheWorkflowStatesOnce()
    {
        await linear.Tracker.MoveAsync("ENG-1", IssueStateType.Started);
        await linear.Tracker.MoveAsync("ENG-1", IssueStateType.Completed);

        Assert.Equal("Done", linear.Store.StateOf(issue).Name);
        Assert.Single(linear.RequestsFor("TeamStates"));
    }

    [Fact]
    public async Task MoveAsync_TeamWithoutAStateOfThatType_ThrowsInvalidConfiguration()
    {
        linear.Store.States.RemoveAll(s => s.Type == "canceled");

        var error = await LinearHarness.FailsAsync(() => linear.Tracker.MoveAsync("ENG-1", IssueStateType.Canceled));

        Assert.Equal(SquadErrorCode.InvalidConfiguration, error.Code);
        Assert.StartsWith("team ENG has no workflow state of type canceled: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommentAsync_LoadedIssue_AddsTheCommentByIssueId()
    {
        await linear.Tracker.LoadMilestoneAsync(linear.MilestoneUrl);

        await linear.Tracker.CommentAsync("ENG-1", "PR opened: https://github.com/acme/checkout/pull/7");

        var comment = Assert.Single(linear.Store.Comments);
        Assert.Equal(new FakeComment(issue.Id, "PR opened: https://github.com/acme/checkout/pull/7"), comment);
        Assert.Empty(linear.RequestsFor("IssueRef"));
    }

    [Fact]
    public async Task CommentAsync_IssueNotLoaded_LooksItsIdUp()
    {
        await linear.Tracker.CommentAsync("eng-1", "hello");

        Assert.Equal(issue.Id, Assert.Single(linear.Store.Comments).IssueId);
        Assert.Single(linear.RequestsFor("IssueRef"));
    }

    [Fact]
    public async Task ListCommentsAsync_MoreThanAPage_ReadsEveryCommentOfThatIssueInOrder()
    {
        var other = linear.AddIssue(2);
        linear.Store.Comments.Add(new FakeComment(other.Id, "not this one"));
        for (var i = 0; i < 55; i++)
        {
            linear.Store.Comments.Add(new FakeComment(issue.Id, $"comment {i}"));
        }

        var comments = await linear.Tracker.ListCommentsAsync("ENG-1");

        Assert.Equal(55, comments.Count);
        Assert.Equal("comment 0", comments[0]);
        Assert.Equal("comment 54", comments[^1]);
        Assert.Equal(2, linear.RequestsFor("IssueComments").Count);
    }

    [Fact]
    public async Task SetLabelAsync_NewLabel_CreatesItInTheTeamAndAddsIt()
    {
        await linear.Tracker.SetLabelAsync("ENG-1", "squad:needs-human", present: true);

        var label = Assert.Single(linear.Store.Labels);
        Assert.Equal(("squad:needs-human", linear.Team.Id), (label.Name, label.TeamId));
        Assert.Equal([label.Id], issue.LabelIds);
    }

    [Fact]
    public async Task SetLabelAsync_SetTwice_CreatesOneLabelAndSendsOneUpdate()
    {
        await linear.Tracker.SetLabelAsync("ENG-1", "squad:refused", present: true);
        await linear.Tracker.SetLabelAsync("ENG-1", "squad:refused", present: true);

        Assert.Single(linear.Store.Labels);
        Assert.Single(issue.LabelIds);
        Assert.Single(linear.RequestsFor("IssueLabelCreate"));
        Assert.Single(linear.RequestsFor("IssueUpdateLabels"));
    }

    [Fact]
    public async Task SetLabelAsync_ManyIssuesAtOnce_CreateOneLabelBetweenThem()
    {
        var issues = Enumerable.Range(2, 6).Select(n => linear.AddIssue(n)).Prepend(issue).ToList();

        await Task.WhenAll(issues.Select(i => linear.Tracker.SetLabelAsync(i.Identifier, "squad:needs-human", present: true)));

        var label = Assert.Single(linear.Store.Labels);
        Assert.All(issues, i => Assert.Equal([label.Id], i.LabelIds));
        Assert.Single(linear.RequestsFor("IssueLabelCreate"));
    }

    [Fact]
    public async Task SetLabelAsync_WorkspaceLabelExists_UsesItAndLeavesOtherTeamsLabelsAlone()
    {
        var workspace = linear.Store.AddLabel("Squad:Blocked", null);
        linear.Store.AddLabel("squad:blocked", linear.Store.AddTeam("OPS"));

        await linear.Tracker.SetLabelAsync("ENG-1", "squad:blocked", present: true);

        Assert.Equal([workspace.Id], issue.LabelIds);
        Assert.Empty(linear.RequestsFor("IssueLabelCreate"));
    }

    [Fact]
    public async Task SetLabelAsync_Absent_RemovesTheLabelAndKeepsTheOthers()
    {
        var keep = linear.Store.AddLabel("backend", linear.Team);
        var drop = linear.Store.AddLabel("squad:needs-human", linear.Team);
        issue.LabelIds.AddRange([keep.Id, drop.Id]);

        await linear.Tracker.SetLabelAsync("ENG-1", "squad:needs-human", present: false);

        Assert.Equal([keep.Id], issue.LabelIds);
        var update = Assert.Single(linear.RequestsFor("IssueUpdateLabels"));
        Assert.Equal(drop.Id, update.Variables["removedLabelIds"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task SetLabelAsync_AbsentLabelNotOnTheIssue_SendsNoUpdateAndCreatesNothing()
    {
        await linear.Tracker.SetLabelAsync("ENG-1", "squad:needs-human", present: false);

        Assert.Empty(linear.Store.Labels);
        Assert.Empty(linear.RequestsFor("IssueUpdateLabels"));
    }

    [Fact]
    public async Task LinkPullRequestAsync_LinkedTwice_KeepsOneAttachmentWithTheTitle()
    {
        const string Url = "https://github.com/acme/checkout/pull/7";

        await linear.Tracker.LinkPullRequestAsync("ENG-1", Url, "PR #7");
        await linear.Tracker.LinkPullRequestAsync("ENG-1", Url, "PR #7: Add coupon codes");

        Assert.Equal(new FakeAttachment(issue.Id, Url, "PR #7: Add coupon codes"), Assert.Single(linear.Store.Attachments));
    }

    [Fact]
    public async Task CommentAsync_UnknownIssue_ThrowsInvalidInput()
    {
        var error = await LinearHarness.FailsAsync(() => linear.Tracker.CommentAsync("ENG-404", "x"));

        Assert.Equal(SquadErrorCode.InvalidInput, error.Code);
        Assert.StartsWith("Linear has no issue ENG-404 this key can see", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommentAsync_LinearAnswersSuccessFalse_ThrowsIntegration()
    {
        await linear.Tracker.LoadMilestoneAsync(linear.MilestoneUrl);
        linear.Server.Enqueue(new FakeLinearAnswer(200, "{\"data\":{\"commentCreate\":{\"success\":false}}}"));

        var error = await LinearHarness.FailsAsync(() => linear.Tracker.CommentAsync("ENG-1", "x"));

        Assert.Equal(SquadErrorCode.Integration, error.Code);
        Assert.StartsWith("Linear did not apply CommentCreate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommentAsync_RateLimitedWith429_WaitsAndApplies()
    {
        await linear.Tracker.LoadMilestoneAsync(linear.MilestoneUrl);
        await linear.Tracker.CommentAsync("ENG-1", "warm-up");
        linear.Server.Enqueue(FakeLinearAnswers.RateLimited(LinearHarness.Start.AddSeconds(3), status: 429));

        await linear.Tracker.CommentAsync("ENG-1", "after the wait");

        Assert.Equal(["warm-up", "after the wait"], linear.Store.Comments.Select(c => c.Body));
        Assert.Equal([TimeSpan.FromSeconds(3)], linear.Time.Delays);
    }
}
