using Squad.Core.Domain;

namespace Squad.Core.Orchestration;

/// <summary>What a sweep does with one milestone: the issues it starts and those it skips, in the milestone's order.</summary>
public sealed record SweepPlan
{
    /// <summary>The milestone as loaded, every issue included.</summary>
    public required Milestone Milestone { get; init; }

    /// <summary>
    /// The issues to start; their <see cref="Issue.BlockedBy"/> keeps only blockers that start too, so the
    /// runner orders them and never calls a finished blocker "not in this milestone".
    /// </summary>
    public required IReadOnlyList<Issue> Start { get; init; }

    public required IReadOnlyList<SweepSkip> Skipped { get; init; }

    /// <summary>The milestone to hand to <see cref="MilestoneRunner"/>: only the issues to start.</summary>
    public Milestone ToRun => Milestone with { Issues = Start };
}
