namespace Squad.Benchmark;

/// <summary>One command's wall time through each sandbox, in milliseconds, and what isolation adds to it.</summary>
internal sealed record SandboxCommandFigures
{
    public required string Command { get; init; }

    public required Stat BubblewrapMs { get; init; }

    public required Stat HostMs { get; init; }

    /// <summary>Median through bubblewrap minus median on the host.</summary>
    public required double OverheadMs { get; init; }
}
