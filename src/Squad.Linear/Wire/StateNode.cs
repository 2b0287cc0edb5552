namespace Squad.Linear;

/// <summary>A workflow state; <c>type</c> is one of triage, backlog, unstarted, started, completed, canceled.</summary>
internal sealed record StateNode
{
    public required string Id { get; init; }

    public string Name { get; init; } = "";

    public required string Type { get; init; }

    public double Position { get; init; }
}
