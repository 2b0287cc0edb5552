using Squad.Core;
using Squad.Storage.Postgres;
using Squad.Testing;

namespace Squad.Storage.Postgres.Tests;

public sealed class PostgresStoreFailureTests
{
    [Theory]
    [InlineData("")]
    [InlineData("Port=5432;Username=squad")]
    [InlineData("Host=db;Password=hunter2;Nonsense Key=1")]
    public void Constructor_UnusableConnectionString_RefusesInOneLineWithoutThePassword(string connectionString)
    {
        var error = Assert.Throws<SquadException>(() => new PostgresRunStore(connectionString, TimeProvider.System));

        Assert.Equal(SquadErrorCode.InvalidInput, error.Code);
        Assert.Contains("PostgreSQL connection string", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task GetRunAsync_NoServerOnThePort_FailsWithAStorageErrorNamingTheServerNotThePassword()
    {
        // Port 1 on loopback: nothing listens, so the connection is refused at once.
        using var store = new PostgresRunStore("Host=127.0.0.1;Port=1;Username=squad;Password=hunter2;Timeout=3", TimeProvider.System);

        var error = await Assert.ThrowsAsync<SquadException>(() => store.GetRunAsync("run-1"));

        Assert.Equal(SquadErrorCode.Storage, error.Code);
        Assert.Contains("127.0.0.1:1/", error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be reached", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task FirstUse_TwoStoresAtOnce_MigrateOnceAndBothWork()
    {
        await using var database = await TestPostgres.CreateAsync();
        using var first = new PostgresRunStore(database.ConnectionString, TimeProvider.System);
        using var second = new PostgresRunStore(database.ConnectionString, TimeProvider.System);

        var runs = await Task.WhenAll(first.CreateRunAsync(StoreRecords.NewRun()), second.CreateRunAsync(StoreRecords.NewRun()));

        Assert.Equal(2, (await first.ListRunsAsync()).Count);
        Assert.NotEqual(runs[0].Id, runs[1].Id);
    }

    [PostgresFact]
    public async Task KillSwitch_EngagedOnOneNode_IsSeenByAnotherUntilReleased()
    {
        await using var database = await TestPostgres.CreateAsync();
        using var here = new PostgresKillSwitch(database.ConnectionString, TimeProvider.System);
        using var there = new PostgresKillSwitch(database.ConnectionString, TimeProvider.System);

        Assert.Null(await there.ReasonAsync());
        await here.EngageAsync("incident 42");
        Assert.Equal("incident 42", await there.ReasonAsync());
        await here.ReleaseAsync();
        Assert.Null(await there.ReasonAsync());
    }
}
