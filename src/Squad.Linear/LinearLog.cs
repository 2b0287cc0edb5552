using Microsoft.Extensions.Logging;

namespace Squad.Linear;

internal static partial class LinearLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Linear rate-limited {Operation}; waiting {Seconds} s after attempt {Attempt}")]
    public static partial void RateLimited(ILogger logger, string operation, double seconds, int attempt);

    // Debug, not Warning: the failure is thrown and the command prints it as its one error line.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Linear failed {Operation} with HTTP {Status}: {Reason}")]
    public static partial void Failed(ILogger logger, string operation, int status, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Team {Team} has no workflow state named {StateName}: {Issue} stays where it is on review")]
    public static partial void NoReviewState(ILogger logger, string team, string stateName, string issue);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Moved {Issue} to {State}")]
    public static partial void Moved(ILogger logger, string issue, string state);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Created label {Label} in team {Team}")]
    public static partial void LabelCreated(ILogger logger, string label, string team);
}
