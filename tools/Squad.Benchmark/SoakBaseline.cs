namespace Squad.Benchmark;

/// <summary>What a clean, unkilled run of the soak's milestone leaves at the forge.</summary>
internal sealed record SoakBaseline
{
    public required string MainTree { get; init; }

    public required long Comments { get; init; }

    public required long Reviews { get; init; }
}
