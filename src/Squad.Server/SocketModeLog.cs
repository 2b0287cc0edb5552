using Microsoft.Extensions.Logging;

namespace Squad.Server;

/// <summary>The log lines of Socket Mode. No token or connection URL reaches them: a URL carries a ticket, so only its host is logged.</summary>
internal static partial class SocketModeLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to Slack Socket Mode at {Host}")]
    public static partial void Connected(ILogger logger, string host);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack Socket Mode is ready: slash commands arrive over it")]
    public static partial void Ready(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack asked for a fresh Socket Mode connection ({Reason})")]
    public static partial void ReconnectRequested(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack refused SLACK_APP_TOKEN ({Error}): it must be an app-level token (xapp-...) with connections:write, from the Slack app's Basic Information > App-Level Tokens; trying again in {Delay}")]
    public static partial void TokenRefused(ILogger logger, string error, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack did not open a Socket Mode connection ({Error}); trying again in {Delay}")]
    public static partial void OpenRefused(ILogger logger, string error, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the Slack Socket Mode connection; reconnecting in {Delay}")]
    public static partial void ConnectionLost(ILogger logger, TimeSpan delay, Exception? exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a Socket Mode message that is not what Slack sends")]
    public static partial void MalformedMessage(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Acknowledged a Slack {Type} envelope; Squad only takes slash commands")]
    public static partial void EnvelopeIgnored(ILogger logger, string type);

    [LoggerMessage(Level = LogLevel.Information, Message = "Acknowledged Slack envelope {EnvelopeId} again (retry {Attempt}, {Reason}): it was handled already, nothing new starts")]
    public static partial void Redelivered(ILogger logger, string envelopeId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed the Slack Socket Mode connection")]
    public static partial void Stopped(ILogger logger);
}
