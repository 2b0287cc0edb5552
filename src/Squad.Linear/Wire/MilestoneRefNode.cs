namespace Squad.Linear;

internal sealed record MilestoneRefNode
{
    public required string Id { get; init; }

    public required string Name { get; init; }
}
