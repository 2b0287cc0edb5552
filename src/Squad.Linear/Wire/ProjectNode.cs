namespace Squad.Linear;

/// <summary>A project with one page of its milestones, or of its issues.</summary>
internal sealed record ProjectNode
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public Connection<MilestoneRefNode> ProjectMilestones { get; init; } = new();

    public Connection<IssueNode> Issues { get; init; } = new();
}
