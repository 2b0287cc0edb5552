using Microsoft.Extensions.Logging;
using Squad.Storage.Postgres;

namespace Squad.Cluster;

/// <summary>
/// A sweep of the cluster. Its reminder is stored in PostgreSQL, so it ticks whichever nodes are up; at each tick the
/// grain asks the schedule for the occurrence due since the previous ticks and claims it in the sweep ledger: only the
/// claim that inserts the row runs the sweep, so a re-delivered tick, or a tick on a second node after a failover, runs
/// nothing twice. A claimed occurrence whose node dies mid-sweep is not re-run: the next occurrence sweeps what it left.
/// </summary>
internal sealed partial class SweepGrain(
    ISweepWork work, PostgresSweepLedger ledger, WorkerSettings settings, TimeProvider time, ILogger<SweepGrain> logger) : Grain, ISweepGrain, IRemindable
{
    private const string TickReminder = "tick";

    private Task? running;

    public async Task ScheduleAsync()
    {
        if (await this.GetReminder(TickReminder) is null)
        {
            await this.RegisterOrUpdateReminder(TickReminder, settings.SweepTick, settings.SweepTick);
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var sweep = this.GetPrimaryKeyString();
        var now = time.GetUtcNow();

        // Three ticks back: a tick delayed by a failover still finds its occurrence; the ledger keeps it from firing twice.
        if (work.LatestDue(sweep, now - (3 * settings.SweepTick), now) is not { } due)
        {
            return;
        }

        if (running is { IsCompleted: false })
        {
            LogStillBusy(logger, sweep, due);
            return;
        }

        if (!await ledger.TryClaimAsync(sweep, due, settings.NodeName))
        {
            return;
        }

        LogFiring(logger, sweep, due, settings.NodeName);
        DelayDeactivation(TimeSpan.FromDays(1));
        running = Task.Run(() => RunAsync(sweep, due), CancellationToken.None);
    }

    private async Task RunAsync(string sweep, DateTimeOffset due)
    {
        try
        {
            await work.RunAsync(sweep, due, order => GrainFactory.GetGrain<ISquadGrain>(order.Key).StartAsync(order), CancellationToken.None);
        }
#pragma warning disable CA1031 // A failed sweep is logged; the next occurrence sweeps again.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogFailed(logger, exception, sweep, due);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {Sweep} fires its {Occurrence:o} occurrence on {Node}")]
    private static partial void LogFiring(ILogger logger, string sweep, DateTimeOffset occurrence, string node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep {Sweep} skips its {Occurrence:o} occurrence: the previous one still runs")]
    private static partial void LogStillBusy(ILogger logger, string sweep, DateTimeOffset occurrence);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sweep {Sweep} failed its {Occurrence:o} occurrence")]
    private static partial void LogFailed(ILogger logger, Exception exception, string sweep, DateTimeOffset occurrence);
}
