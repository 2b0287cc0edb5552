using Squad.Core.Domain;
using Squad.Core.Orchestration;
using Xunit;

namespace Squad.Testing.Contracts;

/// <summary>
/// The contract of <see cref="IRunStore"/>: runs, squads and events, as every engine (SQLite, PostgreSQL) must keep them.
/// Derive it once per engine; the facts run for each.
/// </summary>
public abstract class RunStoreContract : StoreContract
{
    [StoreContractFact]
    public async Task CreateRunAsync_NewRun_IsRunningAndReadBackUnchanged()
    {
        var store = OpenStore();

        var created = await store.CreateRunAsync(StoreRecords.NewRun());
        var fetched = await store.GetRunAsync(created.Id);

        Assert.Equal("run-1", created.Id);
        Assert.Equal(RunStatus.Running, created.Status);
        Assert.Equal(Clock.UtcNow, created.StartedAt);
        Assert.Null(created.FinishedAt);
        Assert.Equal(StoreRecords.MilestoneKey, created.MilestoneKey);
        Assert.Equal("Checkout", created.MilestoneName);
        Assert.Equal("acme/shop", created.Repository);
        Assert.Equal("scripted", created.Model);
        Assert.Equal(created, fetched);
    }

    [StoreContractFact]
    public async Task GetRunAsync_UnknownId_ReturnsNull()
    {
        var store = OpenStore();

        Assert.Null(await store.GetRunAsync("run-404"));
    }

    [StoreContractFact]
    public async Task ListRunsAsync_SeveralRuns_NewestFirstUpToLimit()
    {
        var store = OpenStore();
        for (var i = 0; i < 3; i++)
        {
            await store.CreateRunAsync(StoreRecords.NewRun());
            Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var all = await store.ListRunsAsync();
        var newestTwo = await store.ListRunsAsync(limit: 2);

        Assert.Equal(["run-3", "run-2", "run-1"], all.Select(run => run.Id));
        Assert.Equal(["run-3", "run-2"], newestTwo.Select(run => run.Id));
    }

    [StoreContractFact]
    public async Task CompleteRunAsync_RunningRun_SetsStatusAndFinishTime()
    {
        var store = OpenStore();
        var run = await store.CreateRunAsync(StoreRecords.NewRun());
        Clock.Advance(TimeSpan.FromMinutes(42));

        await store.CompleteRunAsync(run.Id, RunStatus.Completed);
        var completed = await store.GetRunAsync(run.Id);

        Assert.NotNull(completed);
        Assert.Equal(RunStatus.Completed, completed.Status);
        Assert.Equal(run.StartedAt, completed.StartedAt);
        Assert.Equal(run.StartedAt.AddMinutes(42), completed.FinishedAt);
    }

    [StoreContractFact]
    public async Task CreateRunAsync_DefaultRunId_IsClockTimeAndFourHexDigits()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 12, 31, 23, 59, 58, TimeSpan.Zero));
        var store = OpenStoreWithDefaultRunIds(clock);

        var first = await store.CreateRunAsync(StoreRecords.NewRun());

        Assert.Matches("^run-20251231-235958-[0-9a-f]{4}$", first.Id);
    }

    [StoreContractFact]
    public async Task SaveSquadAsync_EveryFieldSet_RoundTrips()
    {
        var store = OpenStore();
        var run = await store.CreateRunAsync(StoreRecords.NewRun());
        var squad = FullSquad(run.Id);

        await store.SaveSquadAsync(squad);
        var fetched = await store.GetSquadAsync(squad.MilestoneKey, squad.IssueIdentifier);

        AssertSameSquad(squad, fetched);
    }

    [StoreContractFact]
    public async Task SaveSquadAsync_ExistingSquad_ReplacesItsFields()
    {
        var store = OpenStore();
        var run = await store.CreateRunAsync(StoreRecords.NewRun());
        await store.SaveSquadAsync(FullSquad(run.Id));
        var cleared = StoreRecords.Squad(run.Id, "ABC-7") with { Step = SquadStep.Done, Outcome = SquadOutcome.Merged };

        await store.SaveSquadAsync(cleared);
        var fetched = await store.GetSquadAsync(cleared.MilestoneKey, cleared.IssueIdentifier);

        AssertSameSquad(cleared, fetched);
        Assert.Single(await store.ListSquadsAsync(run.Id));
    }

    [StoreContractFact]
    public async Task GetSquadAsync_UnknownIssue_ReturnsNull()
    {
        var store = OpenStore();

        Assert.Null(await store.GetSquadAsync(StoreRecords.MilestoneKey, "ABC-404"));
    }

    [StoreContractFact]
    public async Task GetSquadAsync_SecondStoreOnSameDatabase_SeesWhatTheFirstSaved()
    {
        var writer = OpenStore();
        var run = await writer.CreateRunAsync(StoreRecords.NewRun());
        var squad = FullSquad(run.Id);
        await writer.SaveSquadAsync(squad);
        await writer.AppendEventAsync(new SquadEvent
        {
            RunId = run.Id,
            IssueIdentifier = squad.IssueIdentifier,
            Step = SquadStep.Intake,
            Message = "accepted",
            At = Clock.UtcNow,
        });

        var reader = OpenStore();

        Assert.Equal(run, await reader.GetRunAsync(run.Id));
        AssertSameSquad(squad, await reader.GetSquadAsync(squad.MilestoneKey, squad.IssueIdentifier));
        Assert.Equal("accepted", Assert.Single(await reader.ListEventsAsync(run.Id)).Message);
    }

    [StoreContractFact]
    public async Task ListSquadsAsync_SquadTouchedByTwoRuns_ListedForBothInNaturalIssueOrder()
    {
        var store = OpenStore();
        var first = await store.CreateRunAsync(StoreRecords.NewRun());
        var second = await store.CreateRunAsync(StoreRecords.NewRun());
        await store.SaveSquadAsync(StoreRecords.Squad(first.Id, "ABC-10"));
        await store.SaveSquadAsync(StoreRecords.Squad(first.Id, "ABC-2"));
        await store.SaveSquadAsync(StoreRecords.Squad(second.Id, "ABC-2") with { Step = SquadStep.Review });
        await store.SaveSquadAsync(StoreRecords.Squad(second.Id, "ABC-11"));

        var firstSquads = await store.ListSquadsAsync(first.Id);
        var secondSquads = await store.ListSquadsAsync(second.Id);

        Assert.Equal(["ABC-2", "ABC-10"], firstSquads.Select(squad => squad.IssueIdentifier));
        Assert.Equal(["ABC-2", "ABC-11"], secondSquads.Select(squad => squad.IssueIdentifier));

        // A squad is one row: the first run's listing shows where the second run left it.
        Assert.Equal(second.Id, firstSquads[0].RunId);
        Assert.Equal(SquadStep.Review, firstSquads[0].Step);
    }

    [StoreContractFact]
    public async Task ListSquadsAsync_RunThatSavedNothing_ReturnsEmpty()
    {
        var store = OpenStore();
        var busy = await store.CreateRunAsync(StoreRecords.NewRun());
        var idle = await store.CreateRunAsync(StoreRecords.NewRun());
        await store.SaveSquadAsync(StoreRecords.Squad(busy.Id, "ABC-1"));

        Assert.Empty(await store.ListSquadsAsync(idle.Id));
    }

    [StoreContractFact]
    public async Task SaveSquadAsync_TwentyConcurrentSquads_AllPersist()
    {
        var store = OpenStore();
        var run = await store.CreateRunAsync(StoreRecords.NewRun());
        var identifiers = Enumerable.Range(1, 20).Select(n => $"ABC-{n}").ToList();

        await Task.WhenAll(identifiers.Select(id => Task.Run(() => store.SaveSquadAsync(StoreRecords.Squad(run.Id, id)))));

        var saved = await store.ListSquadsAsync(run.Id);
        Assert.Equal(identifiers, saved.Select(squad => squad.IssueIdentifier));
    }

    private static SquadRecord FullSquad(string runId) => new()
    {
        MilestoneKey = StoreRecords.MilestoneKey,
        IssueIdentifier = "ABC-7",
        RunId = runId,
        IssueTitle = "Pay with a gift card — «quotes» and 'apostrophes'",
        Step = SquadStep.Review,
        Outcome = SquadOutcome.NeedsHuman,
        Reason = "Reviewers disagree after 3 rounds",
        Branch = "squad/abc-7-gift-cards",
        PullRequestNumber = 42,
        PullRequestUrl = "http://127.0.0.1:5000/acme/shop/pulls/42",
        ReviewRounds = 3,
        MergeCommitSha = "0123456789abcdef0123456789abcdef01234567",
        Passes = new Dictionary<string, int> { [RoleNames.Developer] = 2, [RoleNames.CodeReviewer] = 3 },
        Effects = ["tracker:comment:started", "tracker:state:started", "forge:pr:opened"],
        PendingEffects = ["tracker:pr-comment"],
        IntakeHash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        Diagnosis = "## Diagnosis\n\n### Scenario the fix must satisfy\n\n```gherkin\nScenario: Gift cards pay — «all» of it\n  Given a card\n  Then it pays\n```\n",
        RegressionCheck = "the regression test fails before the fix, as it should (the tests exit 1)",
        ConflictRounds = 2,
        QueuedAt = new DateTimeOffset(2025, 3, 14, 11, 0, 0, TimeSpan.Zero).AddTicks(7654321),
        QueueWait = TimeSpan.FromSeconds(95),
        IssueUrl = "https://linear.app/acme/issue/ABC-7",
        PostMerge = new Squad.Core.Verification.PostMergeRecord
        {
            MergeCommitSha = "0123456789abcdef0123456789abcdef01234567",
            Passed = false,
            FailedCommand = "test",
            ExitCode = 1,
            Output = "1 failed — «Cart»",
            Signature = "test:abc",
            RevertBranch = "squad/revert-0123456789ab",
            RevertPullRequestNumber = 43,
        },

        // A non-UTC offset with sub-second ticks: the instant must survive, to the tick.
        UpdatedAt = new DateTimeOffset(2025, 3, 14, 11, 30, 15, TimeSpan.FromHours(2)).AddTicks(1234567),
    };

    private static void AssertSameSquad(SquadRecord expected, SquadRecord? actual)
    {
        Assert.NotNull(actual);

        // Records compare collections by reference, so compare them by content and the rest as records.
        Assert.Equal(expected.Passes.OrderBy(p => p.Key), actual.Passes.OrderBy(p => p.Key));
        Assert.Equal(expected.Effects, actual.Effects);
        Assert.Equal(expected.PendingEffects, actual.PendingEffects);
        Assert.Equal(expected, actual with { Passes = expected.Passes, Effects = expected.Effects, PendingEffects = expected.PendingEffects });
    }
}
