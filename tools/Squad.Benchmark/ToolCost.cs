namespace Squad.Benchmark;

/// <summary>The CPU of one kind of read-only tool call, replayed alone.</summary>
internal sealed record ToolCost
{
    /// <summary>The tool, and for <c>search_files</c> its scope.</summary>
    public required string Tool { get; init; }

    /// <summary>How many such calls one squad's script makes.</summary>
    public required int CallsPerSquad { get; init; }

    public required Stat CpuMsPerCall { get; init; }
}
