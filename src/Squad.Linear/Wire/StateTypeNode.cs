namespace Squad.Linear;

/// <summary>Only the type of a workflow state, for a related issue.</summary>
internal sealed record StateTypeNode
{
    public required string Type { get; init; }
}
