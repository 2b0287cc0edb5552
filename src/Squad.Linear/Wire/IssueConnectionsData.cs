namespace Squad.Linear;

/// <summary>The <c>data</c> of <c>IssueLabels</c> and <c>IssueInverseRelations</c>.</summary>
internal sealed record IssueConnectionsData
{
    public IssueConnectionsNode? Issue { get; init; }
}
