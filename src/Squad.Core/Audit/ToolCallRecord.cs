using Squad.Core.Tools;

namespace Squad.Core.Audit;

/// <summary>One tool call of an agent pass, as the audit trail keeps it.</summary>
public sealed record ToolCallRecord
{
    public required string RunId { get; init; }

    public required string IssueIdentifier { get; init; }

    public required string Role { get; init; }

    public required int Pass { get; init; }

    public required string Tool { get; init; }

    /// <summary>The arguments as a JSON object of strings, every value passed through the secret redactor.</summary>
    public required string Arguments { get; init; }

    public required ToolCallStatus Status { get; init; }

    /// <summary>The exit code of the last command the call ran (<c>run_command</c>, a guardrail); null when it ran none.</summary>
    public int? ExitCode { get; init; }

    public required TimeSpan Duration { get; init; }

    /// <summary>When the call started.</summary>
    public required DateTimeOffset At { get; init; }
}
