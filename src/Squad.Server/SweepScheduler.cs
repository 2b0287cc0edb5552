using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Squad.Server;

/// <summary>
/// Runs the configured sweeps on their schedules: at each sweep's next fire time it queues the sweep on the
/// <see cref="RunRegistry"/>, so sweeps take turns with the runs Slack asks for. Occurrences missed while the server was
/// down are not replayed, and a sweep whose previous occurrence is still queued or running is not queued again.
/// </summary>
internal sealed class SweepScheduler(SlackServerOptions options, RunRegistry registry, TimeProvider time, ILogger<SweepScheduler> logger) : BackgroundService
{
    /// <summary>Longer waits are cut into pieces: <c>Task.Delay</c> cannot wait 50 days (a yearly sweep would).</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(30);

    private readonly Dictionary<string, TrackedRun> latest = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sweeps = options.Sweeps.Select(s => (Sweep: s, Schedule: SweepSchedule.Parse(s.Cron, s.TimeZone))).ToList();
        var now = time.GetUtcNow();
        var next = sweeps.ToDictionary(s => s.Sweep.Name, s => NextAfter(s.Sweep, s.Schedule, now), StringComparer.Ordinal);
        try
        {
            while (next.Values.Min() is { } due)
            {
                var wait = due - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait < LongestWait ? wait : LongestWait, time, stoppingToken);
                    continue;
                }

                now = time.GetUtcNow();
                foreach (var (sweep, schedule) in sweeps.Where(s => next[s.Sweep.Name] <= now))
                {
                    Fire(sweep, now);

                    // From now, not from the missed time: a late wake-up runs a sweep once, not once per missed occurrence.
                    next[sweep.Name] = NextAfter(sweep, schedule, now);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException && stoppingToken.IsCancellationRequested)
        {
            // The host is stopping (the run queue may be closed already): nothing more to schedule.
        }
    }

    private DateTimeOffset? NextAfter(SweepDefinition sweep, SweepSchedule schedule, DateTimeOffset now)
    {
        if (schedule.NextAfter(now) is not { } next)
        {
            SweepLog.NeverFires(logger, sweep.Name, sweep.Cron);
            return null;
        }

        var local = TimeZoneInfo.ConvertTime(next, schedule.TimeZone).DateTime;
        SweepLog.Scheduled(logger, sweep.Name, sweep.Cron, schedule.TimeZone.Id, next, local);
        return next;
    }

    private void Fire(SweepDefinition sweep, DateTimeOffset now)
    {
        if (latest.TryGetValue(sweep.Name, out var previous) && previous.State is RunState.Queued or RunState.Running)
        {
            SweepLog.StillBusy(logger, sweep.Name, previous.Id, previous.State);
            return;
        }

        var run = registry.Enqueue(id => new TrackedRun
        {
            Id = id,
            Reference = $"sweep {sweep.Name}",
            Work = (launcher, progress, cancellationToken) => launcher.SweepAsync(sweep, progress, cancellationToken),
            Request = null,
            ChannelId = sweep.Channel,
            ResumeHint = $"`squad sweep {sweep.Name}`",
            RequestedAt = now,
        });
        latest[sweep.Name] = run;
        SweepLog.Queued(logger, sweep.Name, run.Id);
    }
}
