using Squad.Core.Orchestration;

namespace Squad.Cli;

/// <summary>A finished milestone run: the runner's report and the status document built from it.</summary>
internal sealed record MilestoneRunResult
{
    public required MilestoneReport Report { get; init; }

    public required StatusDocument Document { get; init; }
}
