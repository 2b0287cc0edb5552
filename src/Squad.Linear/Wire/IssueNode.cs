namespace Squad.Linear;

/// <summary>The issue fields Squad reads (fragment <c>IssueFields</c>).</summary>
internal sealed record IssueNode
{
    public required string Id { get; init; }

    public required string Identifier { get; init; }

    public required string Title { get; init; }

    public string? Description { get; init; }

    public string? Url { get; init; }

    public string? BranchName { get; init; }

    public double Priority { get; init; }

    public double? Estimate { get; init; }

    public required StateNode State { get; init; }

    public required TeamNode Team { get; init; }

    public ProjectRefNode? Project { get; init; }

    public Connection<LabelNode> Labels { get; init; } = new();

    public Connection<RelationNode> InverseRelations { get; init; } = new();

    /// <summary>The milestone the issue belongs to; read by the project query only.</summary>
    public MilestoneRefNode? ProjectMilestone { get; init; }
}
