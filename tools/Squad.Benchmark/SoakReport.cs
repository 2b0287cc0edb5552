namespace Squad.Benchmark;

/// <summary>The crash soak's figures: trials, how many healed on the first rerun, and each failure.</summary>
internal sealed record SoakReport
{
    /// <summary>When the soak ran, UTC, ISO 8601.</summary>
    public required string Date { get; init; }

    public required int Cores { get; init; }

    public required int Seed { get; init; }

    public required int Issues { get; init; }

    /// <summary>The clean run's wall time: kills land uniformly within it.</summary>
    public required double CleanRunMs { get; init; }

    public required int Trials { get; init; }

    /// <summary>Trials whose kill landed while the run was still going.</summary>
    public required int Killed { get; init; }

    public required int HealedOnFirstRerun { get; init; }

    public required int WithRepeatedEffects { get; init; }

    /// <summary>Every trial, in order.</summary>
    public required IReadOnlyList<SoakTrial> Results { get; init; }
}
