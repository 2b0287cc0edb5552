using Microsoft.Extensions.Logging;

namespace Squad.Server;

internal static partial class GitHubWebhookLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a GitHub webhook delivery: {Check}")]
    public static partial void Refused(ILogger logger, SignatureCheck check);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a GitHub webhook delivery: {Reason}")]
    public static partial void Malformed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "GitHub delivery {Delivery} ignored: {Reason}")]
    public static partial void Ignored(ILogger logger, string delivery, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "GitHub delivery {Delivery} is a replay: nothing started")]
    public static partial void Replayed(ILogger logger, string delivery);

    [LoggerMessage(Level = LogLevel.Information, Message = "GitHub delivery {Delivery} ({Reason}): the Healer examines {Repository} in run {RunId}")]
    public static partial void Healing(ILogger logger, string delivery, string reason, string repository, string runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "GitHub delivery {Delivery} was accepted before a restart and never finished: the Healer examines {Repository} in run {RunId}")]
    public static partial void Resumed(ILogger logger, string delivery, string repository, string runId);
}
