using Squad.Core.Audit;
using Squad.Core.Intake;

namespace Squad.Core.Orchestration;

/// <summary>How a milestone runs: parallelism, review rounds, where work trees live.</summary>
public sealed record SquadOptions
{
    /// <summary>Squads running at once; on a 2-core machine builds dominate, so the default is 2.</summary>
    public int Concurrency { get; init; } = 2;

    /// <summary>Review rounds before the squad stops and hands the PR to a person.</summary>
    public int MaxReviewRounds { get; init; } = 3;

    /// <summary>
    /// Conflict rounds (the Developer brings the branch up to date with a main it conflicts with, textually or in its
    /// tests) before the squad hands the pull request to a person.
    /// </summary>
    public int MaxConflictRounds { get; init; } = 2;

    /// <summary>
    /// How many candidates may be ahead of one waiting in the merge queue for it to test ahead: its merge result on the main
    /// that will be once those ahead land, while they land (a merge train). 0: it tests in its turn only.
    /// </summary>
    public int QueueLookahead { get; init; } = 2;

    /// <summary>Folder of the local clones of target repositories (one bare clone each).</summary>
    public required string ClonesDirectory { get; init; }

    /// <summary>Folder of the squads' work trees on disk.</summary>
    public required string WorktreesDirectory { get; init; }

    /// <summary>A folder in memory where work trees and throwaway copies go while it has room; none: all on disk.</summary>
    public WorktreeMemory? MemoryWorktrees { get; init; }

    /// <summary>Toolchain caches the sandbox shows at their own path: read-only, writable only for setup commands.</summary>
    public IReadOnlyList<string> ToolchainCaches { get; init; } = [];

    /// <summary>When this file exists, no squad merges (the kill switch).</summary>
    public string? KillSwitchFile { get; init; }

    public IntakeOptions Intake { get; init; } = new();

    /// <summary>How long the merge gate waits for the code host's pending checks before handing the PR to a person.</summary>
    public TimeSpan ChecksTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// A triggered bug fix (<c>squad fix</c>, <c>/squad fix</c>): an issue without acceptance criteria of its own is
    /// diagnosed first, and the Diagnostician's scenario becomes its spec. Off for milestone runs: untriggered stubs are refused.
    /// </summary>
    public bool DiagnoseBugs { get; init; }

    /// <summary>Spending limits per issue and per milestone; none by default.</summary>
    public Budgets Budgets { get; init; } = Budgets.None;
}
