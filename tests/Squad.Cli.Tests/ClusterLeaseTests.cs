using Microsoft.Extensions.DependencyInjection;
using Squad.Cluster;
using Squad.Core;
using Squad.Storage.Postgres;
using Squad.Testing;

namespace Squad.Cli.Tests;

/// <summary>
/// Never two squads for one issue, whatever Orleans' directory believes: a second start of a squad (a second
/// activation after a node died) waits while another start holds the squad's lease, and a start that lost its lease
/// (its node declared dead, another node took the squad over) stops at its next state write and never ends the squad.
/// </summary>
public sealed class ClusterLeaseTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [PostgresFact]
    public async Task Start_WhileAnotherStartHoldsTheLease_WaitsAndRunsOnceItIsReleased()
    {
        await using var database = await TestPostgres.CreateAsync();
        using var leases = new PostgresSquadLeases(database.ConnectionString, TimeProvider.System);
        var work = new FencedWork();
        using var host = await InProcessWorker.StartAsync(database.ConnectionString, work);
        var order = InProcessWorker.Order("CL-1");
        var grain = host.Services.GetRequiredService<IGrainFactory>().GetGrain<ISquadGrain>(order.Key);
        var elsewhere = await leases.TryAcquireAsync(order.Key, new("elsewhere/1", "silo-elsewhere"), Minute, []);

        var waiting = await grain.StartAsync(order);
        Assert.Contains("held by elsewhere/1", waiting.Waiting, StringComparison.Ordinal);
        await UntilAsync(async () => (await leases.ReadAsync(order.Key))?.Holder == "elsewhere/1" && (await grain.StatusAsync()).Waiting is not null);
        Assert.Equal(0, work.Starts);

        await leases.ReleaseAsync(order.Key, "elsewhere/1", elsewhere!.Value);
        work.MayFinish.TrySetResult();
        var done = await UntilAsync(async () => await grain.StatusAsync() is { Phase: SquadPhase.Finished } progress ? progress : null);

        Assert.Equal(("Merged by start 1", 1, 1), (done.Outcome, done.Starts, work.Starts));
        Assert.Null(await leases.ReadAsync(order.Key));
        await host.StopAsync();
    }

    [PostgresFact]
    public async Task Start_LosesItsLeaseMidRun_StopsWithoutEndingTheSquadAndTheNextStartEndsIt()
    {
        await using var database = await TestPostgres.CreateAsync();
        using var leases = new PostgresSquadLeases(database.ConnectionString, TimeProvider.System);
        var work = new FencedWork();
        using var host = await InProcessWorker.StartAsync(database.ConnectionString, work);
        var order = InProcessWorker.Order("CL-2");
        var grain = host.Services.GetRequiredService<IGrainFactory>().GetGrain<ISquadGrain>(order.Key);
        await grain.StartAsync(order);
        await UntilAsync(() => Task.FromResult(work.Starts == 1));

        // The node's silo is declared dead elsewhere and another node takes the squad over: the first start is fenced.
        var first = (await leases.ReadAsync(order.Key))!;
        var thief = await leases.TryAcquireAsync(order.Key, new("thief/1", "silo-thief"), Minute, [first.Silo]);
        Assert.Equal(first.Token + 1, thief);
        await UntilAsync(() => Task.FromResult(work.Fenced == 1));
        Assert.Equal(SquadPhase.Running, (await grain.StatusAsync()).Phase);

        // The other start gives the squad up: at its next wake-up the grain here takes the lease again, resumes and ends it.
        await leases.ReleaseAsync(order.Key, "thief/1", thief!.Value);
        work.MayFinish.TrySetResult();
        var done = await UntilAsync(async () => await grain.StatusAsync() is { Phase: SquadPhase.Finished } progress ? progress : null);

        Assert.Equal(("Merged by start 2", 2), (done.Outcome, done.Starts));
        await host.StopAsync();
    }

    private static async Task UntilAsync(Func<Task<bool>> condition) => await UntilAsync(async () => await condition() ? true : (bool?)null);

    private static async Task<T> UntilAsync<T>(Func<Task<T?>> value)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (await value() is { } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the cluster did not get there in 60 s");
    }

    /// <summary>A squad that writes its state (checks its fence) every 100 ms until the test lets it finish.</summary>
    private sealed class FencedWork : ISquadWork
    {
        private int starts;
        private int fenced;

        public TaskCompletionSource MayFinish { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Starts => Volatile.Read(ref starts);

        public int Fenced => Volatile.Read(ref fenced);

        public async Task<string> RunAsync(SquadOrder order, ISquadFence fence, CancellationToken cancellationToken)
        {
            var start = Interlocked.Increment(ref starts);
            try
            {
                while (!MayFinish.Task.IsCompleted)
                {
                    await fence.EnsureHeldAsync(cancellationToken);
                    await Task.Delay(100, cancellationToken);
                }

                await fence.EnsureHeldAsync(cancellationToken);
                return $"Merged by start {start}";
            }
            catch (SquadException exception) when (exception.Code == SquadErrorCode.LeaseLost)
            {
                Interlocked.Increment(ref fenced);
                throw;
            }
        }
    }
}
