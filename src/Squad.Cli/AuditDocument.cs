namespace Squad.Cli;

/// <summary>What <c>squad audit --json</c> prints: the run, its totals, and every model and tool call.</summary>
internal sealed record AuditDocument
{
    public required RunDto Run { get; init; }

    public required UsageDto Usage { get; init; }

    public required IReadOnlyList<ModelCallDto> ModelCalls { get; init; }

    public required IReadOnlyList<ToolCallDto> ToolCalls { get; init; }
}
