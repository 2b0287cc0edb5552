namespace Squad.Benchmark;

/// <summary>Figure 6: the process's peak working set during the runs of the largest milestone.</summary>
internal sealed record MemoryFigures
{
    public required Stat PeakMegabytes { get; init; }

    /// <summary>True when Linux reset the peak before each run; otherwise the peak covers the whole process, generation included.</summary>
    public required bool ResetPerRun { get; init; }
}
