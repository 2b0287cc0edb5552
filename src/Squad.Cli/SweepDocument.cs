namespace Squad.Cli;

/// <summary>One sweep in <c>squad sweep --json</c>: what it covers, and per milestone what it started and skipped.</summary>
internal sealed record SweepDocument
{
    public required string Sweep { get; init; }

    public required string Scope { get; init; }

    /// <summary>Every squad it started merged; what it skipped does not count against it.</summary>
    public required bool Succeeded { get; init; }

    public required IReadOnlyList<SweepMilestoneDto> Milestones { get; init; }

    public static SweepDocument From(SweepResult result) => new()
    {
        Sweep = result.Sweep.Name,
        Scope = result.Sweep.Scope,
        Succeeded = result.Succeeded,
        Milestones = [.. result.Milestones.Select(SweepMilestoneDto.From)],
    };
}
