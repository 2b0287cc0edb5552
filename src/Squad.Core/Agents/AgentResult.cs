using Squad.Core.Domain;

namespace Squad.Core.Agents;

/// <summary>What one agent pass produced: its final answer, its commits, and its verdict if it reviewed, its diagnosis if it diagnosed.</summary>
public sealed record AgentResult
{
    public required AgentStopReason StopReason { get; init; }

    public required string FinalText { get; init; }

    public required int Turns { get; init; }

    public required IReadOnlyList<string> Commits { get; init; }

    public Verdict? Verdict { get; init; }

    /// <summary>The diagnosis the Diagnostician submitted, if it did.</summary>
    public Diagnosis? Diagnosis { get; init; }

    public required IReadOnlyList<AgentToolCall> ToolCalls { get; init; }
}
