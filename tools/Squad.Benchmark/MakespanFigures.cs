namespace Squad.Benchmark;

/// <summary>Figure 2: one milestone size, run with as many squads at once as it has issues.</summary>
internal sealed record MakespanFigures
{
    public required int Issues { get; init; }

    public required Stat Seconds { get; init; }

    /// <summary>makespan(1) × N / makespan(N), per run, with the median makespan(1): N when parallelism is perfect.</summary>
    public required Stat Speedup { get; init; }

    /// <summary>makespan(1) / makespan(N) = speedup / N: 1 when parallelism is perfect.</summary>
    public required Stat Efficiency { get; init; }
}
