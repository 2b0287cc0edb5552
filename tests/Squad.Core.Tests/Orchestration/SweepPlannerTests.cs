using Squad.Core.Domain;
using Squad.Core.Forge;
using Squad.Core.Orchestration;
using Squad.Testing;

namespace Squad.Core.Tests.Orchestration;

public sealed class SweepPlannerTests
{
    private const string Key = "milestone-key";
    private const string Repository = "acme/checkout";

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2025, 3, 3, 2, 0, 0, TimeSpan.Zero));
    private readonly InMemoryRunStore store;
    private readonly PullRequestHost host = new();

    public SweepPlannerTests() => store = new InMemoryRunStore(time);

    [Fact]
    public async Task PlanAsync_NewReadyIssueAndDoneIssue_StartsTheNewOneAndSkipsTheDoneOne()
    {
        var plan = await PlanAsync(Issue("A-1"), Issue("A-2") with { State = "Done", StateType = IssueStateType.Completed });

        Assert.Equal(["A-1"], Ids(plan.Start));
        var skip = Assert.Single(plan.Skipped);
        Assert.Equal(("A-2", SweepSkipKind.Done), (skip.Issue.Identifier, skip.Kind));
        Assert.Equal("already Done in the tracker", skip.Reason);
        Assert.Equal(["A-1"], Ids(plan.ToRun.Issues));
        Assert.Equal(Key, plan.ToRun.Key);
    }

    [Fact]
    public async Task PlanAsync_RunningSquadUpdatedWithinTheLease_IsSkippedAsInFlight()
    {
        await SaveAsync("A-1", SquadOutcome.Running, TimeSpan.FromMinutes(5), step: SquadStep.QaTests);

        var plan = await PlanAsync(Issue("A-1"));

        var skip = Assert.Single(plan.Skipped);
        Assert.Equal(SweepSkipKind.InFlight, skip.Kind);
        Assert.StartsWith("in flight: its squad (run r-other) last reported 5 min ago, at QaTests", skip.Reason, StringComparison.Ordinal);
        Assert.Empty(plan.Start);
    }

    [Fact]
    public async Task PlanAsync_RunningSquadSilentForLongerThanTheLease_IsTakenAsCrashedAndResumed()
    {
        await SaveAsync("A-1", SquadOutcome.Running, TimeSpan.FromMinutes(61));
        await SaveAsync("A-2", SquadOutcome.Running, TimeSpan.FromMinutes(20));

        var plan = await PlanAsync(new SweepPlanner(store, host, time) { Lease = TimeSpan.FromMinutes(15) }, Issue("A-1"), Issue("A-2"));

        Assert.Equal(["A-1", "A-2"], Ids(plan.Start));
        Assert.Empty(plan.Skipped);
    }

    [Fact]
    public async Task PlanAsync_SquadWhosePullRequestIsOpen_IsSkippedWithThePullRequest()
    {
        await SaveAsync("A-1", SquadOutcome.Failed, TimeSpan.FromDays(1), pullRequest: 7, branch: "squad/a-1");
        host.Add(Repository, 7, "squad/a-1", PullRequestState.Open);

        var plan = await PlanAsync(Issue("A-1"));

        var skip = Assert.Single(plan.Skipped);
        Assert.Equal((SweepSkipKind.OpenPullRequest, 7), (skip.Kind, skip.PullRequestNumber));
        Assert.Contains("has open pull request #7 on squad/a-1", skip.Reason, StringComparison.Ordinal);
        Assert.Equal(["#7"], host.Asked);
    }

    [Fact]
    public async Task PlanAsync_OpenPullRequestOnTheTrackersBranch_IsSkippedEvenWithoutASquad()
    {
        host.Add(Repository, 3, "dev/a-1-coupons", PullRequestState.Open);
        host.Add(Repository, 4, "dev/a-2-refunds", PullRequestState.Closed);

        var plan = await PlanAsync(Issue("A-1") with { BranchName = "dev/a-1-coupons" }, Issue("A-2") with { BranchName = "dev/a-2-refunds" }, Issue("A-3"));

        var skip = Assert.Single(plan.Skipped);
        Assert.Equal(("A-1", SweepSkipKind.OpenPullRequest), (skip.Issue.Identifier, skip.Kind));
        Assert.Equal(["A-2", "A-3"], Ids(plan.Start));
        Assert.Equal(["dev/a-1-coupons", "dev/a-2-refunds", "squad/a-3-issue-a-3"], host.Asked);
    }

    [Fact]
    public async Task PlanAsync_OpenPullRequestOnTheBranchSquadWouldUse_IsSkippedWithoutASquadOrATrackerBranch()
    {
        host.Add(Repository, 6, "squad/a-1-issue-a-1", PullRequestState.Open);

        var plan = await PlanAsync(Issue("A-1"));

        Assert.Equal((SweepSkipKind.OpenPullRequest, 6), (Assert.Single(plan.Skipped).Kind, plan.Skipped[0].PullRequestNumber));
    }

    [Fact]
    public async Task PlanAsync_MergedPullRequestOnTheBranch_IsSkippedAsDone()
    {
        host.Add(Repository, 5, "dev/a-1", PullRequestState.Merged);

        var plan = await PlanAsync(Issue("A-1") with { BranchName = "dev/a-1" });

        var skip = Assert.Single(plan.Skipped);
        Assert.Equal(SweepSkipKind.Done, skip.Kind);
        Assert.Contains("#5 is already merged", skip.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SquadOutcome.NeedsHuman, SweepSkipKind.Settled)]
    [InlineData(SquadOutcome.BudgetExceeded, SweepSkipKind.Settled)]
    [InlineData(SquadOutcome.Merged, SweepSkipKind.Done)]
    public async Task PlanAsync_SettledSquad_IsLeftAlone(SquadOutcome outcome, SweepSkipKind expected)
    {
        await SaveAsync("A-1", outcome, TimeSpan.FromDays(2), reason: "why it ended");

        var plan = await PlanAsync(Issue("A-1"));

        Assert.Equal(expected, Assert.Single(plan.Skipped).Kind);
        Assert.Empty(host.Asked);
    }

    [Theory]
    [InlineData(SquadOutcome.Failed)]
    [InlineData(SquadOutcome.Blocked)]
    [InlineData(SquadOutcome.Skipped)]
    public async Task PlanAsync_SquadThatEndedResumable_IsStartedAgain(SquadOutcome outcome)
    {
        await SaveAsync("A-1", outcome, TimeSpan.FromMinutes(1));

        var plan = await PlanAsync(Issue("A-1"));

        Assert.Equal(["A-1"], Ids(plan.Start));
    }

    [Fact]
    public async Task PlanAsync_RefusedIssue_IsSkippedUntilItsTextChanges()
    {
        var issue = Issue("A-1");
        await store.SaveSquadAsync(Record("A-1", SquadOutcome.Refused, TimeSpan.FromDays(1)) with { IntakeHash = SquadRunner.IntakeHash(issue), Reason = "no acceptance criteria" });

        var unchanged = await PlanAsync(issue);
        var changed = await PlanAsync(issue with { Description = issue.Description + "\nScenario: now refined" });

        var skip = Assert.Single(unchanged.Skipped);
        Assert.Equal((SweepSkipKind.Settled, "already Refused: no acceptance criteria"), (skip.Kind, skip.Reason));
        Assert.Equal(["A-1"], Ids(changed.Start));
    }

    [Fact]
    public async Task PlanAsync_IssueBlockedByAnInFlightIssue_WaitsAndSoDoesTheIssueItBlocks()
    {
        await SaveAsync("A-1", SquadOutcome.Running, TimeSpan.FromMinutes(2));

        var plan = await PlanAsync(Issue("A-3", "A-2"), Issue("A-2", "A-1"), Issue("A-1"), Issue("A-4"));

        Assert.Equal(["A-4"], Ids(plan.Start));
        var reasons = plan.Skipped.ToDictionary(s => s.Issue.Identifier, s => (s.Kind, s.Reason));
        Assert.Equal((SweepSkipKind.WaitsForBlocker, "waits for A-1 (in flight)"), reasons["A-2"]);
        Assert.Equal((SweepSkipKind.WaitsForBlocker, "waits for A-2 (waiting itself)"), reasons["A-3"]);
        Assert.Equal(["A-3", "A-2", "A-1"], Ids(plan.Skipped.Select(s => s.Issue)));
    }

    [Fact]
    public async Task PlanAsync_BlockersDoneOrStarting_AreDroppedOrKeptSoTheRunnerOrdersTheRest()
    {
        await SaveAsync("A-1", SquadOutcome.Merged, TimeSpan.FromDays(3));

        var plan = await PlanAsync(
            Issue("A-4", "A-1", "A-2", "A-3"),
            Issue("A-1"),
            Issue("A-2") with { StateType = IssueStateType.Canceled, State = "Canceled" },
            Issue("A-3"));

        Assert.Equal(["A-4", "A-3"], Ids(plan.Start));
        Assert.Equal(["A-3"], plan.Start[0].BlockedBy);
        Assert.Equal(["A-1", "A-2", "A-3"], plan.Milestone.Issues[0].BlockedBy);
    }

    [Fact]
    public async Task PlanAsync_BlockerSettledWithoutMergingOrOutsideTheSweep_HoldsTheIssue()
    {
        await SaveAsync("A-1", SquadOutcome.NeedsHuman, TimeSpan.FromDays(1));

        var plan = await PlanAsync(Issue("A-2", "A-1"), Issue("A-1"), Issue("A-3", "B-9"));

        Assert.Empty(plan.Start);
        var reasons = plan.Skipped.ToDictionary(s => s.Issue.Identifier, s => s.Reason);
        Assert.Equal("waits for A-1 (settled without merging)", reasons["A-2"]);
        Assert.Equal("waits for B-9, which is not in this sweep: finish it first", reasons["A-3"]);
    }

    private Task<SweepPlan> PlanAsync(params Issue[] issues) => PlanAsync(new SweepPlanner(store, host, time), issues);

    private static Task<SweepPlan> PlanAsync(SweepPlanner planner, params Issue[] issues)
        => planner.PlanAsync(new Milestone { Key = Key, Name = "Checkout", Repository = Repository, Issues = issues });

    private Task SaveAsync(string id, SquadOutcome outcome, TimeSpan ago, int? pullRequest = null, string? branch = null, string? reason = null, SquadStep step = SquadStep.Pending)
        => store.SaveSquadAsync(Record(id, outcome, ago) with { PullRequestNumber = pullRequest, Branch = branch, Reason = reason, Step = step });

    private SquadRecord Record(string id, SquadOutcome outcome, TimeSpan ago) => new()
    {
        MilestoneKey = Key,
        IssueIdentifier = id,
        RunId = "r-other",
        IssueTitle = id,
        Outcome = outcome,
        UpdatedAt = time.GetUtcNow() - ago,
    };

    private static Issue Issue(string id, params string[] blockedBy)
        => new() { Identifier = id, Title = $"Issue {id}", Description = "Scenario: x", State = "Todo", BlockedBy = blockedBy };

    private static List<string> Ids(IEnumerable<Issue> issues) => [.. issues.Select(i => i.Identifier)];
}
