namespace Squad.Linear;

/// <summary>The <c>data</c> of <c>IssueRef</c>.</summary>
internal sealed record IssueRefData
{
    public IssueRefNode? Issue { get; init; }
}
