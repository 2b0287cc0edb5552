namespace Squad.Linear;

/// <summary>An issue as read, with every page of its labels and inverse relations.</summary>
internal sealed record LinearIssue
{
    public required IssueNode Node { get; init; }

    public required IReadOnlyList<LabelNode> Labels { get; init; }

    public required IReadOnlyList<RelationNode> InverseRelations { get; init; }
}
