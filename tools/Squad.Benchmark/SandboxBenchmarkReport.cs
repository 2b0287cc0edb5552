namespace Squad.Benchmark;

/// <summary>The sandbox figures: the cost of running a command in bubblewrap rather than straight on the host.</summary>
internal sealed record SandboxBenchmarkReport
{
    /// <summary>When the benchmark ran, UTC, ISO 8601.</summary>
    public required string Date { get; init; }

    public required int Cores { get; init; }

    public required int Runs { get; init; }

    public required string Bubblewrap { get; init; }

    public required string Limits { get; init; }

    public required IReadOnlyList<SandboxCommandFigures> Commands { get; init; }

    /// <summary>The goal: a sandboxed command costs under this much more than a host one.</summary>
    public required double OverheadGoalMs { get; init; }
}
