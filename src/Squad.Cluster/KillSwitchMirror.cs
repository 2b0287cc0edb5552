using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Squad.Storage.Postgres;

namespace Squad.Cluster;

/// <summary>
/// Keeps the node's kill-switch file in step with the cluster's switch in PostgreSQL, so stopping merges anywhere stops
/// them on every node: the merge gate reads the file before each merge, and this writes it within a second or two.
/// </summary>
internal sealed partial class KillSwitchMirror(WorkerSettings settings, TimeProvider time, ILogger<KillSwitchMirror> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var killSwitch = new PostgresKillSwitch(settings.Cluster.ConnectionString, time);
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                Mirror(await killSwitch.ReasonAsync(stoppingToken));
            }
            catch (Core.SquadException exception)
            {
                // The database may be briefly unreachable: the file keeps its last state, which errs towards what was asked.
                LogUnreadable(logger, exception.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private void Mirror(string? reason)
    {
        var file = settings.KillSwitchFile;
        if (reason is null)
        {
            File.Delete(file);
            return;
        }

        if (!File.Exists(file))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cluster's kill switch could not be read: {Problem}")]
    private static partial void LogUnreadable(ILogger logger, string problem);
}
