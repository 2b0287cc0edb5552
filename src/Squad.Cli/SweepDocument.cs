namespace Squad.Cli;

/// <summary>One sweep in <c>squad sweep --json</c>: what it covers, and per milestone what it started and skipped.</summary>
internal sealed record SweepDocument
{
    public required string Sweep { get; init; }

    public required string Scope { get; init; }

    /// <summary>Every squad it started merged; what it skipped does not count against it.</summary>
    public required bool Succeeded { get; init; }

    public required IReadOnlyList<SweepMilestoneDto> Milestones { get; init; }

    /// <summary>The Healer's verdict per swept milestone, with <c>heal: true</c>; its fix squads are in <see cref="Healed"/>.</summary>
    public IReadOnlyList<string>? Healer { get; init; }

    public IReadOnlyList<StatusDocument>? Healed { get; init; }

    public static SweepDocument From(SweepResult result) => new()
    {
        Sweep = result.Sweep.Name,
        Scope = result.Sweep.Scope,
        Succeeded = result.Succeeded,
        Milestones = [.. result.Milestones.Select(SweepMilestoneDto.From)],
        Healer = result.Healing.Count == 0 ? null : [.. result.Healing.Select(h => h.Message)],
        Healed = result.Healing.Any(h => h.Run is not null) ? [.. result.Healing.Select(h => h.Run).OfType<MilestoneRunResult>().Select(r => r.Document)] : null,
    };
}
