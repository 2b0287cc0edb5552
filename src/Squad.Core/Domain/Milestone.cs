namespace Squad.Core.Domain;

/// <summary>A milestone: a named set of issues against one target repository.</summary>
public sealed record Milestone
{
    /// <summary>A stable key for the milestone (a folder path or a tracker id); runs are keyed by it.</summary>
    public required string Key { get; init; }

    public required string Name { get; init; }

    /// <summary>The name of the target repository at the code host.</summary>
    public required string Repository { get; init; }

    public required IReadOnlyList<Issue> Issues { get; init; }
}
