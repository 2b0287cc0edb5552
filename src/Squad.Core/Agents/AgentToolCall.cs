using Squad.Core.Tools;

namespace Squad.Core.Agents;

/// <summary>One tool call of a pass, for the audit trail.</summary>
public sealed record AgentToolCall
{
    public required string Name { get; init; }

    public required string Arguments { get; init; }

    public required ToolCallStatus Status { get; init; }

    /// <summary>The exit code of the last command the call ran; null when it ran none.</summary>
    public int? ExitCode { get; init; }

    public required TimeSpan Duration { get; init; }
}
