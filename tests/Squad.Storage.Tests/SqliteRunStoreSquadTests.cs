using Squad.Core.Domain;
using Squad.Core.Orchestration;

namespace Squad.Storage.Tests;

public sealed class SqliteRunStoreSquadTests : IDisposable
{
    private readonly StoreFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    [Fact]
    public async Task SaveSquadAsync_EveryFieldSet_RoundTrips()
    {
        using var store = fixture.OpenStore();
        var run = await store.CreateRunAsync(TestRecords.NewRun());
        var squad = FullSquad(run.Id);

        await store.SaveSquadAsync(squad);
        var fetched = await store.GetSquadAsync(squad.MilestoneKey, squad.IssueIdentifier);

        AssertSameSquad(squad, fetched);
    }

    [Fact]
    public async Task SaveSquadAsync_ExistingSquad_ReplacesItsFields()
    {
        using var store = fixture.OpenStore();
        var run = await store.CreateRunAsync(TestRecords.NewRun());
        await store.SaveSquadAsync(FullSquad(run.Id));
        var cleared = TestRecords.Squad(run.Id, "ABC-7") with { Step = SquadStep.Done, Outcome = SquadOutcome.Merged };

        await store.SaveSquadAsync(cleared);
        var fetched = await store.GetSquadAsync(cleared.MilestoneKey, cleared.IssueIdentifier);

        AssertSameSquad(cleared, fetched);
        Assert.Single(await store.ListSquadsAsync(run.Id));
    }

    [Fact]
    public async Task GetSquadAsync_UnknownIssue_ReturnsNull()
    {
        using var store = fixture.OpenStore();

        Assert.Null(await store.GetSquadAsync(TestRecords.MilestoneKey, "ABC-404"));
    }

    [Fact]
    public async Task GetSquadAsync_SecondStoreOnSameFile_SeesWhatTheFirstSaved()
    {
        using var writer = fixture.OpenStore();
        var run = await writer.CreateRunAsync(TestRecords.NewRun());
        var squad = FullSquad(run.Id);
        await writer.SaveSquadAsync(squad);
        await writer.AppendEventAsync(new SquadEvent
        {
            RunId = run.Id,
            IssueIdentifier = squad.IssueIdentifier,
            Step = SquadStep.Intake,
            Message = "accepted",
            At = fixture.Clock.UtcNow,
        });

        using var reader = fixture.OpenStore();

        Assert.Equal(run, await reader.GetRunAsync(run.Id));
        AssertSameSquad(squad, await reader.GetSquadAsync(squad.MilestoneKey, squad.IssueIdentifier));
        Assert.Equal("accepted", Assert.Single(await reader.ListEventsAsync(run.Id)).Message);
    }

    [Fact]
    public async Task ListSquadsAsync_SquadTouchedByTwoRuns_ListedForBothInNaturalIssueOrder()
    {
        using var store = fixture.OpenStore();
        var first = await store.CreateRunAsync(TestRecords.NewRun());
        var second = await store.CreateRunAsync(TestRecords.NewRun());
        await store.SaveSquadAsync(TestRecords.Squad(first.Id, "ABC-10"));
        await store.SaveSquadAsync(TestRecords.Squad(first.Id, "ABC-2"));
        await store.SaveSquadAsync(TestRecords.Squad(second.Id, "ABC-2") with { Step = SquadStep.Review });
        await store.SaveSquadAsync(TestRecords.Squad(second.Id, "ABC-11"));

        var firstSquads = await store.ListSquadsAsync(first.Id);
        var secondSquads = await store.ListSquadsAsync(second.Id);

        Assert.Equal(["ABC-2", "ABC-10"], firstSquads.Select(squad => squad.IssueIdentifier));
        Assert.Equal(["ABC-2", "ABC-11"], secondSquads.Select(squad => squad.IssueIdentifier));

        // A squad is one row: the first run's listing shows where the second run left it.
        Assert.Equal(second.Id, firstSquads[0].RunId);
        Assert.Equal(SquadStep.Review, firstSquads[0].Step);
    }

    [Fact]
    public async Task ListSquadsAsync_RunThatSavedNothing_ReturnsEmpty()
    {
        using var store = fixture.OpenStore();
        var busy = await store.CreateRunAsync(TestRecords.NewRun());
        var idle = await store.CreateRunAsync(TestRecords.NewRun());
        await store.SaveSquadAsync(TestRecords.Squad(busy.Id, "ABC-1"));

        Assert.Empty(await store.ListSquadsAsync(idle.Id));
    }

    [Fact]
    public async Task SaveSquadAsync_TwentyConcurrentSquads_AllPersist()
    {
        using var store = fixture.OpenStore();
        var run = await store.CreateRunAsync(TestRecords.NewRun());
        var identifiers = Enumerable.Range(1, 20).Select(n => $"ABC-{n}").ToList();

        await Task.WhenAll(identifiers.Select(id => Task.Run(() => store.SaveSquadAsync(TestRecords.Squad(run.Id, id)))));

        var saved = await store.ListSquadsAsync(run.Id);
        Assert.Equal(identifiers, saved.Select(squad => squad.IssueIdentifier));
    }

    private static SquadRecord FullSquad(string runId) => new()
    {
        MilestoneKey = TestRecords.MilestoneKey,
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
