namespace Squad.Linear;

/// <summary>What a write needs to know of an issue now: its id, team, state and labels.</summary>
internal sealed record IssueRefNode
{
    public required string Id { get; init; }

    public required string Identifier { get; init; }

    public IReadOnlyList<string> LabelIds { get; init; } = [];

    public required StateNode State { get; init; }

    public required TeamNode Team { get; init; }
}
