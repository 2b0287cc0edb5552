using Squad.Core.Orchestration;

namespace Squad.Cli;

/// <summary>One milestone of a sweep: the plan, and the run of the issues it started (none when it started nothing).</summary>
internal sealed record SweepMilestoneResult
{
    public required SweepPlan Plan { get; init; }

    public MilestoneRunResult? Run { get; init; }
}
