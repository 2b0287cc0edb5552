namespace Squad.Benchmark;

/// <summary>Every figure of the benchmark, as printed and as written to JSON.</summary>
internal sealed record BenchmarkReport
{
    /// <summary>When the benchmark ran, UTC, ISO 8601.</summary>
    public required string Date { get; init; }

    public required MachineFigures Machine { get; init; }

    public required bool Quick { get; init; }

    public required int Runs { get; init; }

    public required IReadOnlyList<int> IssueCounts { get; init; }

    public required int CallsPerRole { get; init; }

    public required double LatencyMs { get; init; }

    public required RepositoryFigures Repository { get; init; }

    public required SetUpFigures SetUp { get; init; }

    public required IReadOnlyList<MakespanFigures> Makespans { get; init; }

    public required CpuFigures Cpu { get; init; }

    /// <summary>Figures 4 and 5, per role, from the prompt-capturing run of the largest milestone.</summary>
    public required IReadOnlyList<RolePromptFigures> Roles { get; init; }

    public required IReadOnlyList<ReviewerInputFigures> ReviewerInput { get; init; }

    public required MemoryFigures PeakMemory { get; init; }

    /// <summary>Figure 8, from the prompt-capturing run: tokens and cost per merged issue, by role, and a single agent's.</summary>
    public required TokenFigures Tokens { get; init; }

    /// <summary>Figure 7, over the timed runs.</summary>
    public required GuardrailFigures Guardrails { get; init; }

    public required IReadOnlyList<TargetResult> Targets { get; init; }

    /// <summary>The whole benchmark, repository generation included.</summary>
    public required double DurationSeconds { get; init; }
}
