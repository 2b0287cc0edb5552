namespace Squad.Cluster;

/// <summary>What a squad grain runs: one issue of a milestone, in a run the client created.</summary>
[GenerateSerializer]
[Immutable]
public sealed record SquadOrder
{
    [Id(0)]
    public required string RunId { get; init; }

    /// <summary>The milestone as the user named it (a Linear URL, or a local folder in a one-machine test cluster).</summary>
    [Id(1)]
    public required string Reference { get; init; }

    [Id(2)]
    public required string MilestoneKey { get; init; }

    [Id(3)]
    public required string IssueIdentifier { get; init; }

    /// <summary>A bug-fix squad (a Diagnostician first), as <c>squad fix</c>.</summary>
    [Id(4)]
    public bool BugFix { get; init; }

    /// <summary>The grain's key: the tracker and the issue, so one squad per issue runs in the whole cluster.</summary>
    public string Key => SquadKey.For(Reference, MilestoneKey, IssueIdentifier);
}
