using Squad.Storage.Postgres;
using Squad.Testing;

namespace Squad.Storage.Postgres.Tests;

/// <summary>
/// The attack on a squad's lease: a second start of the squad (a second activation after a node died) must not take
/// it while the first holds it, and the first must find out, at its next renewal or state write, once it lost it.
/// </summary>
public sealed class PostgresSquadLeasesTests
{
    private const string Squad = "linear:ENG-1";
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [PostgresFact]
    public async Task TryAcquire_WhileAnotherStartHoldsIt_IsRefusedUntilReleased()
    {
        await using var database = await TestPostgres.CreateAsync();
        using var leases = new PostgresSquadLeases(database.ConnectionString, TimeProvider.System);
        var first = new SquadLeaseHolder("a/1", "silo-a");

        var token = await leases.TryAcquireAsync(Squad, first, Minute, []);
        var refused = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => leases.TryAcquireAsync(Squad, new($"b/{i}", "silo-b"), Minute, [])));

        Assert.Equal(1, token);
        Assert.All(refused, Assert.Null);
        Assert.True(await leases.IsHeldAsync(Squad, "a/1", 1));
        Assert.True(await leases.RenewAsync(Squad, "a/1", 1, Minute));
        Assert.Equal("a/1", (await leases.ReadAsync(Squad))?.Holder);

        await leases.ReleaseAsync(Squad, "a/1", 1);
        Assert.Null(await leases.ReadAsync(Squad));
        Assert.Equal(1, await leases.TryAcquireAsync(Squad, new("b/9", "silo-b"), Minute, []));
    }

    [PostgresFact]
    public async Task TryAcquire_HolderSiloDeclaredDead_TakesItOverAndFencesTheOldHold()
    {
        await using var database = await TestPostgres.CreateAsync();
        using var leases = new PostgresSquadLeases(database.ConnectionString, TimeProvider.System);
        await leases.TryAcquireAsync(Squad, new("a/1", "silo-a"), Minute, []);

        var taken = await leases.TryAcquireAsync(Squad, new("b/1", "silo-b"), Minute, ["silo-x", "silo-a"]);

        Assert.Equal(2, taken);
        Assert.False(await leases.IsHeldAsync(Squad, "a/1", 1));
        Assert.False(await leases.RenewAsync(Squad, "a/1", 1, Minute));
        await leases.ReleaseAsync(Squad, "a/1", 1);
        Assert.True(await leases.IsHeldAsync(Squad, "b/1", 2));
    }

    [PostgresFact]
    public async Task TryAcquire_AfterTheHoldExpired_TakesItAndTheLateRenewalFails()
    {
        await using var database = await TestPostgres.CreateAsync();
        using var leases = new PostgresSquadLeases(database.ConnectionString, TimeProvider.System);
        await leases.TryAcquireAsync(Squad, new("a/1", "silo-a"), TimeSpan.FromMilliseconds(200), []);
        while (await leases.IsHeldAsync(Squad, "a/1", 1))
        {
            await Task.Delay(50);
        }

        Assert.False(await leases.RenewAsync(Squad, "a/1", 1, Minute));
        Assert.Equal(2, await leases.TryAcquireAsync(Squad, new("b/1", "silo-b"), Minute, []));
        Assert.Null(await leases.TryAcquireAsync(Squad, new("a/1", "silo-a"), Minute, []));
    }
}
