using Squad.Core.Domain;

namespace Squad.Linear.Tests;

/// <summary>The write-backs of one squad, in the order the orchestrator makes them, seen in the fake's state.</summary>
public sealed class LinearTrackerLifecycleTests : IAsyncLifetime, IAsyncDisposable
{
    private const string PullRequest = "https://github.com/acme/checkout/pull/12";
    private readonly LinearHarness linear = new();

    public Task InitializeAsync() => Task.CompletedTask;

    // xUnit 2 calls IAsyncLifetime.DisposeAsync on a test class, never IAsyncDisposable's.
    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    public async Task DisposeAsync() => await linear.DisposeAsync();

    [Fact]
    public async Task SquadWriteBacks_StartToMerge_LeaveTheIssueDoneWithThePullRequestAttached()
    {
        var issue = linear.AddIssue(1);
        var tracker = linear.Tracker;
        await tracker.LoadMilestoneAsync(linear.MilestoneUrl);

        await tracker.MoveAsync("ENG-1", IssueStateType.Started);
        await tracker.LinkPullRequestAsync("ENG-1", PullRequest, "PR #12: Issue 1");
        await tracker.MoveAsync("ENG-1", IssueStateType.Review);
        await tracker.CommentAsync("ENG-1", $"Squad opened {PullRequest}");
        await tracker.SetLabelAsync("ENG-1", "squad:needs-human", present: true);
        await tracker.SetLabelAsync("ENG-1", "squad:needs-human", present: false);
        await tracker.MoveAsync("ENG-1", IssueStateType.Completed);
        await tracker.CommentAsync("ENG-1", $"Squad merged {PullRequest}");

        Assert.Equal("Done", linear.Store.StateOf(issue).Name);
        Assert.Equal(PullRequest, Assert.Single(linear.Store.Attachments).Url);
        Assert.Equal([$"Squad opened {PullRequest}", $"Squad merged {PullRequest}"], linear.Store.Comments.Select(c => c.Body));
        Assert.Empty(issue.LabelIds);
        Assert.Equal(3, linear.RequestsFor("IssueUpdateState").Count);
        var reloaded = Assert.Single((await tracker.LoadMilestoneAsync(linear.MilestoneUrl)).Issues);
        Assert.Equal(IssueStateType.Completed, reloaded.StateType);
    }
}
