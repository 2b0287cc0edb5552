using Squad.Core;
using Squad.Storage.Postgres;

namespace Squad.Cluster;

/// <summary>
/// One start's hold on its squad's lease: renewed every third of its time to live while the squad runs, released when
/// the start ends. A renewal that finds the hold gone (or cannot reach PostgreSQL before the hold expires) marks it lost.
/// </summary>
internal sealed class SquadLeaseHold : ISquadFence, IAsyncDisposable
{
    private readonly PostgresSquadLeases leases;
    private readonly string squadKey;
    private readonly string holder;
    private readonly TimeSpan ttl;
    private readonly TimeProvider time;
    private readonly CancellationTokenSource lost = new();
    private readonly CancellationTokenSource ended = new();
    private readonly Task heartbeat;

    private SquadLeaseHold(PostgresSquadLeases leases, string squadKey, string holder, long token, TimeSpan ttl, TimeProvider time)
    {
        (this.leases, this.squadKey, this.holder, Token, this.ttl, this.time) = (leases, squadKey, holder, token, ttl, time);
        heartbeat = Task.Run(RenewAsync, CancellationToken.None);
    }

    /// <summary>The fencing token of this hold: one more than the squad's previous hold.</summary>
    public long Token { get; }

    public CancellationToken Lost => lost.Token;

    /// <summary>Takes the squad's lease, or null while another start holds it.</summary>
    public static async Task<SquadLeaseHold?> TryTakeAsync(
        PostgresSquadLeases leases, string squadKey, SquadLeaseHolder holder, TimeSpan ttl, IReadOnlyCollection<string> deadSilos, TimeProvider time)
    {
        var token = await leases.TryAcquireAsync(squadKey, holder, ttl, deadSilos);
        return token is { } taken ? new SquadLeaseHold(leases, squadKey, holder.Holder, taken, ttl, time) : null;
    }

    public async Task EnsureHeldAsync(CancellationToken cancellationToken)
    {
        if (!lost.IsCancellationRequested && await leases.IsHeldAsync(squadKey, holder, Token, cancellationToken))
        {
            return;
        }

        await lost.CancelAsync();
        throw new SquadException(SquadErrorCode.LeaseLost, $"this start of {squadKey} lost its lease (token {Token}) to another start; it stops here");
    }

    /// <summary>Stops renewing and gives the lease up (unless it was lost), so the next start need not wait for it to expire.</summary>
    public async ValueTask DisposeAsync()
    {
        await ended.CancelAsync();
        await heartbeat;
        if (!lost.IsCancellationRequested)
        {
            try
            {
                await leases.ReleaseAsync(squadKey, holder, Token);
            }
            catch (SquadException)
            {
                // Unreachable PostgreSQL: the lease expires by itself.
            }
        }

        lost.Dispose();
        ended.Dispose();
    }

    private async Task RenewAsync()
    {
        var expires = time.GetUtcNow() + ttl;
        while (!ended.IsCancellationRequested && !lost.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(ttl / 3, time, ended.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            bool renewed;
            try
            {
                var started = time.GetUtcNow();
                renewed = await leases.RenewAsync(squadKey, holder, Token, ttl, ended.Token);
                expires = renewed ? started + ttl : expires;
            }
            catch (OperationCanceledException) when (ended.IsCancellationRequested)
            {
                return;
            }
            catch (SquadException)
            {
                // PostgreSQL unreachable: the hold stands until it would have expired, then it is lost.
                renewed = time.GetUtcNow() < expires;
            }

            if (!renewed)
            {
                await lost.CancelAsync();
            }
        }
    }
}
