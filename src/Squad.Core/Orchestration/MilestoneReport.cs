namespace Squad.Core.Orchestration;

/// <summary>The end of a milestone run: one record per issue.</summary>
public sealed record MilestoneReport
{
    public required RunRecord Run { get; init; }

    public required IReadOnlyList<SquadRecord> Squads { get; init; }

    /// <summary>Set-ups (dependency restores) this run ran.</summary>
    public int SetupsRan { get; init; }

    /// <summary>Trees that got a copy of an earlier set-up's outputs on the same base under the same rules instead of running it.</summary>
    public int SetupsCopied { get; init; }
}
