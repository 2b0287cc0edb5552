using System.Text.Json;

namespace Squad.Cli;

/// <summary>One recorded agent pass: its conversation (the last request and its answer) and each model answer in order.</summary>
internal sealed record TracePass
{
    public required string Role { get; init; }

    public required int Pass { get; init; }

    /// <summary>The model calls of the pass, each verified against its audit record.</summary>
    public required int Calls { get; init; }

    /// <summary>Every message of the pass in order, in the audit trail's canonical JSON: system prompt, briefing, answers, tool results.</summary>
    public required IReadOnlyList<JsonElement> Conversation { get; init; }

    /// <summary>The assistant messages of each call's answer, in order: what a scripted model replays.</summary>
    public required IReadOnlyList<IReadOnlyList<JsonElement>> Answers { get; init; }
}
