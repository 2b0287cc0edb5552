namespace Squad.Server;

/// <summary>How a milestone run ended, in a line or a few for Slack.</summary>
public sealed record LaunchSummary
{
    /// <summary>The run's id in the data directory (for <c>squad status</c>).</summary>
    public required string RunId { get; init; }

    /// <summary>Whether every squad merged (or had nothing to do).</summary>
    public required bool Succeeded { get; init; }

    /// <summary>One line per issue: its outcome and pull request.</summary>
    public required string Text { get; init; }
}
