namespace Squad.Benchmark;

/// <summary>One scripted model turn: optional text and at most one tool call; a turn without a call ends the pass.</summary>
internal sealed record PlannedTurn
{
    public string? Text { get; init; }

    public string? Tool { get; init; }

    /// <summary>The call's arguments, in order; all are strings.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Arguments { get; init; } = [];

    public static PlannedTurn Call(string tool, params (string Key, string Value)[] arguments)
        => new() { Tool = tool, Arguments = [.. arguments.Select(a => KeyValuePair.Create(a.Key, a.Value))] };

    public static PlannedTurn Final(string text) => new() { Text = text };
}
