using Microsoft.Extensions.Logging;

namespace Squad.Server;

internal static partial class ServerLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a Slack request: {Check}")]
    public static partial void RefusedRequest(ILogger logger, SignatureCheck check);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored a Slack {Kind}")]
    public static partial void IgnoredRequest(ILogger logger, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack user {User} in channel {Channel} is not allowed to start work")]
    public static partial void NotAllowed(ILogger logger, string user, string channel);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} of {Reference} {State}")]
    public static partial void RunChanged(ILogger logger, string runId, string reference, RunState state);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId} failed")]
    public static partial void RunFailed(ILogger logger, string runId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not post progress of run {RunId} to Slack")]
    public static partial void PostFailed(ILogger logger, string runId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kill switch {State} from the dashboard (request from {Remote})")]
    public static partial void KillSwitchPressed(ILogger logger, string state, string remote);
}
