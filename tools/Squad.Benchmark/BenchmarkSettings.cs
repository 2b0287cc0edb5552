namespace Squad.Benchmark;

/// <summary>What the benchmark runs: how often, how large, and how slow the scripted model is.</summary>
internal sealed record BenchmarkSettings
{
    /// <summary>Measured runs of each milestone size; each figure is their median, with min and max.</summary>
    public required int Runs { get; init; }

    /// <summary>Milestone sizes; each runs with as many squads at once as it has issues.</summary>
    public required IReadOnlyList<int> IssueCounts { get; init; }

    /// <summary>Model calls each role makes in its pass, the final answer included.</summary>
    public required int CallsPerRole { get; init; }

    /// <summary>The scripted model's pause before each response.</summary>
    public required TimeSpan Latency { get; init; }

    /// <summary>
    /// Samples of the raw <c>git worktree add</c> taken just before, and as many just after, each run of
    /// the smallest milestone, whose set-up they are compared with: both see the same load of the machine.
    /// </summary>
    public required int WorktreeSamples { get; init; }

    /// <summary>Replays of one squad's read-only tool calls, to measure their CPU alone.</summary>
    public required int ToolReplays { get; init; }

    public required bool Quick { get; init; }

    public required string OutputPath { get; init; }

    /// <summary>The shape of the synthetic target repository.</summary>
    public RepositoryShape Repository { get; init; } = new();

    public static BenchmarkSettings Full(string outputPath) => new()
    {
        Runs = 3,
        IssueCounts = [1, 2, 4, 8],
        CallsPerRole = 20,
        Latency = TimeSpan.FromMilliseconds(200),
        WorktreeSamples = 2,
        ToolReplays = 3,
        Quick = false,
        OutputPath = outputPath,
    };

    /// <summary>A smoke run of about a minute: one run of each size, half the calls.</summary>
    public static BenchmarkSettings QuickSmoke(string outputPath) => Full(outputPath) with
    {
        Runs = 1,
        CallsPerRole = 10,
        ToolReplays = 1,
        Quick = true,
    };
}
