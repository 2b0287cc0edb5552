namespace Squad.Benchmark;

/// <summary>
/// Part of figure 3: the CPU of the agents' own read-only tool calls (one squad's script replayed
/// through Squad's tool box, alone, on a work tree of the repository), to tell it from the rest.
/// </summary>
internal sealed record ToolCostFigures
{
    /// <summary>All read-only tool calls of one squad's script over the squad's model calls.</summary>
    public required Stat MsPerModelCall { get; init; }

    public required IReadOnlyList<ToolCost> Tools { get; init; }
}
