namespace Squad.Linear;

/// <summary>An issue Squad filed, or found by its marker: its id and identifier.</summary>
internal sealed record FiledIssueNode
{
    public required string Id { get; init; }

    public required string Identifier { get; init; }
}
