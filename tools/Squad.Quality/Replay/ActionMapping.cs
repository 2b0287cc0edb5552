namespace Squad.Quality.Replay;

/// <summary>One published action and the Squad tool calls that express it.</summary>
internal sealed record ActionMapping
{
    /// <summary>The action's command word: <c>open</c>, <c>edit</c>, <c>find_file</c>, or <c>bash</c> for a plain shell command.</summary>
    public required string Kind { get; init; }

    public required Fidelity Fidelity { get; init; }

    public required IReadOnlyList<SquadCall> Calls { get; init; }

    /// <summary>What is lost, or why nothing expresses it; empty when exact.</summary>
    public string Why { get; init; } = "";
}
