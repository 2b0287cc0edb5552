namespace Squad.Cluster;

/// <summary>A squad grain's answer to status: its phase, the node it runs on, and how it ended.</summary>
[GenerateSerializer]
[Immutable]
public sealed record SquadProgress
{
    [Id(0)]
    public required SquadPhase Phase { get; init; }

    [Id(1)]
    public string? RunId { get; init; }

    [Id(2)]
    public string? Node { get; init; }

    /// <summary>The squad's outcome once finished (Merged, NeedsHuman, ...), or why it failed.</summary>
    [Id(3)]
    public string? Outcome { get; init; }

    /// <summary>How many times the squad was started: 2 or more after a failover.</summary>
    [Id(4)]
    public int Starts { get; init; }

    /// <summary>Why this activation does not run the squad yet: another start holds its lease (null when it runs or ended).</summary>
    [Id(5)]
    public string? Waiting { get; init; }
}
