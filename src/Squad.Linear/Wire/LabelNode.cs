namespace Squad.Linear;

/// <summary>An issue label; <c>team</c> is null for a workspace label.</summary>
internal sealed record LabelNode
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public TeamNode? Team { get; init; }
}
