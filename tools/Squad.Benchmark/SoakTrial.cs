namespace Squad.Benchmark;

/// <summary>One trial of the soak: where the kill landed and what the first rerun left.</summary>
internal sealed record SoakTrial
{
    public required int Trial { get; init; }

    /// <summary>When SIGKILL was sent, after the start of the first run.</summary>
    public required double KillAfterMs { get; init; }

    /// <summary>False when the run ended before the kill time (the kill landed on nothing).</summary>
    public required bool Killed { get; init; }

    public required double RerunMs { get; init; }

    public required bool Healed { get; init; }

    /// <summary>Why the rerun did not heal; empty when it did.</summary>
    public required IReadOnlyList<string> Problems { get; init; }

    /// <summary>Effects at the forge that happened again (extra comments or reviews): reported, not counted against healing.</summary>
    public required IReadOnlyList<string> Repeated { get; init; }
}
