using Squad.Core.Tools;

namespace Squad.Core.Agents;

/// <summary>One tool call of a pass, for the audit trail.</summary>
public sealed record AgentToolCall
{
    public required string Name { get; init; }

    public required string Arguments { get; init; }

    public required ToolCallStatus Status { get; init; }

    public required TimeSpan Duration { get; init; }
}
