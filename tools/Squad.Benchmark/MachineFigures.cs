namespace Squad.Benchmark;

/// <summary>Where the figures were measured.</summary>
internal sealed record MachineFigures
{
    public required int Cores { get; init; }

    public required string OperatingSystem { get; init; }

    public required string Runtime { get; init; }

    public required string Git { get; init; }

    /// <summary>The one-minute load average when the benchmark started: above the core count, other work competed with it.</summary>
    public required double? LoadAverageAtStart { get; init; }

    public required double? LoadAverageAtEnd { get; init; }
}
