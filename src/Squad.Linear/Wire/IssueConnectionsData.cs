namespace Squad.Linear;

/// <summary>The <c>data</c> of <c>IssueLabels</c>, <c>IssueInverseRelations</c> and <c>IssueComments</c>.</summary>
internal sealed record IssueConnectionsData
{
    public IssueConnectionsNode? Issue { get; init; }
}
