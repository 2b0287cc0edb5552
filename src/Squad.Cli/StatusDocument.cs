namespace Squad.Cli;

/// <summary>What <c>--json</c> prints: the run, each squad with its pull request's history, and what the run's model calls used.</summary>
internal sealed record StatusDocument
{
    public required RunDto Run { get; init; }

    public required IReadOnlyList<SquadDto> Squads { get; init; }

    /// <summary>The merge queue's throughput in the run.</summary>
    public QueueDto? Queue { get; init; }

    /// <summary>Pristine guardrail runs made and answered from a record, by the process that ran the squads (not in <c>squad status</c>).</summary>
    public GuardrailsDto? Guardrails { get; init; }

    /// <summary>The run's model calls per role, in the order of a squad.</summary>
    public required IReadOnlyList<RoleUsageDto> Roles { get; init; }

    /// <summary>All the run's model calls.</summary>
    public required UsageDto Usage { get; init; }

    /// <summary>The Healer's attempts per cause of a red main, in the whole data directory (budget and cool-down state).</summary>
    public IReadOnlyList<Core.Verification.HealerRecord>? Healer { get; init; }
}
