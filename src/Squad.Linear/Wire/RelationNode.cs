namespace Squad.Linear;

/// <summary>An issue relation seen from its related issue: <c>issue</c> <c>type</c>s (blocks) this one.</summary>
internal sealed record RelationNode
{
    public required string Type { get; init; }

    public required RelatedIssueNode Issue { get; init; }
}
