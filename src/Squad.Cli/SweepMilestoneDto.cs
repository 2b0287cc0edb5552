namespace Squad.Cli;

/// <summary>One milestone of a sweep in <c>--json</c>: the issues started, with their run, and those skipped.</summary>
internal sealed record SweepMilestoneDto
{
    public required string Milestone { get; init; }

    public required string MilestoneKey { get; init; }

    public required string Repository { get; init; }

    /// <summary>The identifiers of the issues the sweep started, in the milestone's order.</summary>
    public required IReadOnlyList<string> Started { get; init; }

    public required IReadOnlyList<SkippedIssueDto> Skipped { get; init; }

    /// <summary>The run of the started issues, as <c>squad status --json</c> shows it; absent when nothing started.</summary>
    public StatusDocument? Run { get; init; }

    public static SweepMilestoneDto From(SweepMilestoneResult result) => new()
    {
        Milestone = result.Plan.Milestone.Name,
        MilestoneKey = result.Plan.Milestone.Key,
        Repository = result.Plan.Milestone.Repository,
        Started = [.. result.Plan.Start.Select(i => i.Identifier)],
        Skipped = [.. result.Plan.Skipped.Select(SkippedIssueDto.From)],
        Run = result.Run?.Document,
    };
}
