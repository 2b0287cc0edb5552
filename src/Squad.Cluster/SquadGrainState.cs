namespace Squad.Cluster;

/// <summary>What a squad grain keeps in PostgreSQL (Orleans' grain storage): the order it runs and whether it ended.</summary>
[GenerateSerializer]
public sealed class SquadGrainState
{
    [Id(0)]
    public SquadOrder? Order { get; set; }

    [Id(1)]
    public SquadPhase Phase { get; set; }

    [Id(2)]
    public string? Outcome { get; set; }

    [Id(3)]
    public int Starts { get; set; }
}
