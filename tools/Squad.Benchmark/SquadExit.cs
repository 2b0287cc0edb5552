namespace Squad.Benchmark;

/// <summary>How one <c>squad run</c> child process ended.</summary>
internal sealed record SquadExit
{
    /// <summary>The exit code; meaningless when <see cref="Killed"/>.</summary>
    public required int ExitCode { get; init; }

    /// <summary>True when the soak killed it before it ended on its own.</summary>
    public required bool Killed { get; init; }

    public required TimeSpan Elapsed { get; init; }

    /// <summary>What it printed on stdout: with <c>--json</c>, the run's JSON.</summary>
    public required string Output { get; init; }

    public required string Error { get; init; }
}
