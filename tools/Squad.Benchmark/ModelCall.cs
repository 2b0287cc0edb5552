using Microsoft.Extensions.AI;

namespace Squad.Benchmark;

/// <summary>One model call as the benchmark saw it: whose, when (Stopwatch timestamps), and with prompt capture on, what was sent.</summary>
internal sealed record ModelCall
{
    public required string Issue { get; init; }

    public required string Role { get; init; }

    public required int Pass { get; init; }

    /// <summary>1 for the first call of the pass.</summary>
    public required int Turn { get; init; }

    public required long StartedAt { get; init; }

    public required long EndedAt { get; init; }

    /// <summary>The response's size: its texts, tool names and JSON arguments, in characters.</summary>
    public int ResponseCharacters { get; init; }

    /// <summary>The request's messages, in order; empty unless prompts are captured.</summary>
    public IReadOnlyList<ChatMessage> Messages { get; init; } = [];

    /// <summary>The tools declared with the request; empty unless prompts are captured.</summary>
    public IReadOnlyList<AITool> Tools { get; init; } = [];
}
