namespace Squad.Linear;

internal sealed record RelatedIssueNode
{
    public required string Id { get; init; }

    public required string Identifier { get; init; }

    public StateTypeNode? State { get; init; }
}
