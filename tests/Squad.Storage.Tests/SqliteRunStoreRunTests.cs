using Squad.Core.Orchestration;
using Squad.Testing;

namespace Squad.Storage.Tests;

public sealed class SqliteRunStoreRunTests : IDisposable
{
    private readonly StoreFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    [Fact]
    public async Task CreateRunAsync_NewRun_IsRunningAndReadBackUnchanged()
    {
        using var store = fixture.OpenStore();

        var created = await store.CreateRunAsync(TestRecords.NewRun());
        var fetched = await store.GetRunAsync(created.Id);

        Assert.Equal("run-1", created.Id);
        Assert.Equal(RunStatus.Running, created.Status);
        Assert.Equal(fixture.Clock.UtcNow, created.StartedAt);
        Assert.Null(created.FinishedAt);
        Assert.Equal(TestRecords.MilestoneKey, created.MilestoneKey);
        Assert.Equal("Checkout", created.MilestoneName);
        Assert.Equal("acme/shop", created.Repository);
        Assert.Equal("scripted", created.Model);
        Assert.Equal(created, fetched);
    }

    [Fact]
    public async Task GetRunAsync_UnknownId_ReturnsNull()
    {
        using var store = fixture.OpenStore();

        Assert.Null(await store.GetRunAsync("run-404"));
    }

    [Fact]
    public async Task ListRunsAsync_SeveralRuns_NewestFirstUpToLimit()
    {
        using var store = fixture.OpenStore();
        for (var i = 0; i < 3; i++)
        {
            await store.CreateRunAsync(TestRecords.NewRun());
            fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var all = await store.ListRunsAsync();
        var newestTwo = await store.ListRunsAsync(limit: 2);

        Assert.Equal(["run-3", "run-2", "run-1"], all.Select(run => run.Id));
        Assert.Equal(["run-3", "run-2"], newestTwo.Select(run => run.Id));
    }

    [Fact]
    public async Task CompleteRunAsync_RunningRun_SetsStatusAndFinishTime()
    {
        using var store = fixture.OpenStore();
        var run = await store.CreateRunAsync(TestRecords.NewRun());
        fixture.Clock.Advance(TimeSpan.FromMinutes(42));

        await store.CompleteRunAsync(run.Id, RunStatus.Completed);
        var completed = await store.GetRunAsync(run.Id);

        Assert.NotNull(completed);
        Assert.Equal(RunStatus.Completed, completed.Status);
        Assert.Equal(run.StartedAt, completed.StartedAt);
        Assert.Equal(run.StartedAt.AddMinutes(42), completed.FinishedAt);
    }

    [Fact]
    public async Task CreateRunAsync_DefaultRunId_IsClockTimeAndFourHexDigits()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 12, 31, 23, 59, 58, TimeSpan.Zero));
        using var store = new SqliteRunStore(fixture.DatabasePath, clock);

        var first = await store.CreateRunAsync(TestRecords.NewRun());

        Assert.Matches("^run-20251231-235958-[0-9a-f]{4}$", first.Id);
    }
}
