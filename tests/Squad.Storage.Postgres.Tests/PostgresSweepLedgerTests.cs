using Squad.Storage.Postgres;
using Squad.Testing;

namespace Squad.Storage.Postgres.Tests;

/// <summary>The attack on a cluster sweep: its tick re-delivered, or ticking on two nodes at once, must run an occurrence once.</summary>
public sealed class PostgresSweepLedgerTests
{
    private static readonly DateTimeOffset Due = new(2026, 12, 4, 2, 0, 0, TimeSpan.Zero);

    [PostgresFact]
    public async Task TryClaim_SameOccurrenceFromTwoNodesAndAgain_OnlyOneClaimWins()
    {
        await using var database = await TestPostgres.CreateAsync();
        using var a = new PostgresSweepLedger(database.ConnectionString, TimeProvider.System);
        using var b = new PostgresSweepLedger(database.ConnectionString, TimeProvider.System);

        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => (i % 2 == 0 ? a : b).TryClaimAsync("nightly", Due, i % 2 == 0 ? "a" : "b")));

        Assert.Single(claims, claimed => claimed);
        Assert.False(await a.TryClaimAsync("nightly", Due.ToOffset(TimeSpan.FromHours(2)), "a"));
        Assert.True(await b.TryClaimAsync("nightly", Due.AddDays(1), "b"));
        Assert.True(await b.TryClaimAsync("weekly", Due, "b"));
        Assert.Equal(Due.AddDays(1), await a.LastFiredAsync("nightly"));
        Assert.Null(await a.LastFiredAsync("never"));
    }
}
