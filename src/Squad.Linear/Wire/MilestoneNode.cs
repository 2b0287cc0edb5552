namespace Squad.Linear;

/// <summary>A project milestone with one page of its issues.</summary>
internal sealed record MilestoneNode
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required ProjectRefNode Project { get; init; }

    public Connection<IssueNode> Issues { get; init; } = new();
}
