using Squad.Core.Orchestration;

namespace Squad.Cli;

/// <summary>
/// What this process's run sent to pristine sandboxed copies and what it answered from a recorded result instead (never the
/// same tree twice). Counted in the process that ran the squads: <c>squad status</c> of an earlier run has no such figures.
/// </summary>
internal sealed record GuardrailsDto
{
    /// <summary>Guardrail runs made in a fresh pristine copy (the reviewers' evidence, the queue, post-merge verification).</summary>
    public required int PristineRuns { get; init; }

    /// <summary>Commands those runs ran.</summary>
    public required int PristineCommands { get; init; }

    /// <summary>Guardrail runs answered from a recorded result of the same tree under the same rules.</summary>
    public required int RunsReused { get; init; }

    /// <summary>Reviewers' commands answered from a recorded result.</summary>
    public required int ReviewerCommandsReused { get; init; }

    /// <summary>Pristine guardrail runs made per merged issue (0 when none merged).</summary>
    public required double PristineRunsPerMergedIssue { get; init; }

    /// <summary>Set-ups (dependency restores) run, in squads' trees and copies.</summary>
    public int SetupsRan { get; init; }

    /// <summary>Trees that got a copy of an earlier set-up's outputs (same base tree, same rules) instead of running it.</summary>
    public int SetupsCopied { get; init; }

    public static GuardrailsDto Of(GuardrailResults results, MilestoneReport report, int merged) => new()
    {
        SetupsRan = report.SetupsRan,
        SetupsCopied = report.SetupsCopied,
        PristineRuns = results.Ran,
        PristineCommands = results.CommandsRan,
        RunsReused = results.Reused,
        ReviewerCommandsReused = results.ReviewerCommandsReused,
        PristineRunsPerMergedIssue = merged == 0 ? 0 : Math.Round((double)results.Ran / merged, 2),
    };
}
