namespace Squad.Models.Scripted;

/// <summary>One prepared model response: optional text and the tool calls it makes.</summary>
internal sealed record ScriptedTurn
{
    public string? Text { get; init; }

    /// <summary>Empty for the agent's final answer, which ends the pass.</summary>
    public required IReadOnlyList<ScriptedCall> Calls { get; init; }

    public required long Line { get; init; }
}
