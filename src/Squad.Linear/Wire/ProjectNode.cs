namespace Squad.Linear;

/// <summary>A project with one page of its milestones.</summary>
internal sealed record ProjectNode
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public Connection<MilestoneRefNode> ProjectMilestones { get; init; } = new();
}
