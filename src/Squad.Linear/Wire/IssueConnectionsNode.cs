namespace Squad.Linear;

/// <summary>The rest of an issue's labels or relations, when the first page had more, or its comments.</summary>
internal sealed record IssueConnectionsNode
{
    public Connection<LabelNode>? Labels { get; init; }

    public Connection<RelationNode>? InverseRelations { get; init; }

    public Connection<CommentNode>? Comments { get; init; }
}
