namespace Squad.Core.Orchestration;

/// <summary>The end of a milestone run: one record per issue.</summary>
public sealed record MilestoneReport
{
    public required RunRecord Run { get; init; }

    public required IReadOnlyList<SquadRecord> Squads { get; init; }
}
