using Microsoft.Extensions.Logging;

namespace Squad.Server;

internal static partial class SweepLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {Sweep} ({Cron}, {TimeZone}) next runs at {NextUtc:u} ({NextLocal:yyyy-MM-dd HH:mm} {TimeZone})")]
    public static partial void Scheduled(ILogger logger, string sweep, string cron, string timeZone, DateTimeOffset nextUtc, DateTime nextLocal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep {Sweep} ({Cron}) never fires again: it is no longer scheduled")]
    public static partial void NeverFires(ILogger logger, string sweep, string cron);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {Sweep} is due: queued as run {RunId}")]
    public static partial void Queued(ILogger logger, string sweep, string runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep {Sweep} is due, but its previous run {RunId} is still {State}: this occurrence is skipped")]
    public static partial void StillBusy(ILogger logger, string sweep, string runId, RunState state);
}
