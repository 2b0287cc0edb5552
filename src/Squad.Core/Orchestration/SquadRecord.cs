using Squad.Core.Domain;

namespace Squad.Core.Orchestration;

/// <summary>The persisted state of one squad: which step it completed, and the side effects it already made.</summary>
public sealed record SquadRecord
{
    public required string MilestoneKey { get; init; }

    public required string IssueIdentifier { get; init; }

    /// <summary>The run that last worked on this squad.</summary>
    public required string RunId { get; init; }

    public required string IssueTitle { get; init; }

    /// <summary>The tracker issue's address (a Linear URL, a local issue file's <c>file:</c> URI), when the tracker gave one.</summary>
    public string? IssueUrl { get; init; }

    /// <summary>The last step completed.</summary>
    public SquadStep Step { get; init; } = SquadStep.Pending;

    public SquadOutcome Outcome { get; init; } = SquadOutcome.Running;

    /// <summary>Why the squad ended as it did (refusal reason, failure, hand-off).</summary>
    public string? Reason { get; init; }

    public string? Branch { get; init; }

    public int? PullRequestNumber { get; init; }

    public string? PullRequestUrl { get; init; }

    /// <summary>Review rounds so far: how many times both reviewers looked at a head.</summary>
    public int ReviewRounds { get; init; }

    public string? MergeCommitSha { get; init; }

    /// <summary>Conflict rounds so far: Developer passes that brought the branch up to date with a conflicting main.</summary>
    public int ConflictRounds { get; init; }

    /// <summary>When the approved pull request last entered the merge queue.</summary>
    public DateTimeOffset? QueuedAt { get; init; }

    /// <summary>Time spent in the merge queue waiting for other candidates to land (not testing), over every entry.</summary>
    public TimeSpan QueueWait { get; init; }

    /// <summary>Completed agent passes per role name; the next pass of a role is this plus one.</summary>
    public IReadOnlyDictionary<string, int> Passes { get; init; } = new Dictionary<string, int>();

    /// <summary>Keys of outward side effects already made (a tracker comment, a state move), so a resume never repeats them.</summary>
    public IReadOnlyList<string> Effects { get; init; } = [];

    /// <summary>
    /// Keys of side effects begun and not yet recorded done: the process may have died after making one. A resume looks
    /// for it at the tracker or the code host (by the marker it carries) before making it again.
    /// </summary>
    public IReadOnlyList<string> PendingEffects { get; init; } = [];

    /// <summary>SHA-256 of the issue text the intake gate judged; a refused issue is judged again when it changes.</summary>
    public string? IntakeHash { get; init; }

    /// <summary>A bug fix's diagnosis in Markdown (its tracker comment): the scenario in it is the squad's spec.</summary>
    public string? Diagnosis { get; init; }

    /// <summary>
    /// What the repository's tests did at QA's commit, before the implementation (<see cref="QaCheck"/>): a summary line,
    /// then one line per scenario (<see cref="TestEvidence.Format"/>). Named for bug fixes, where it began; every squad has it.
    /// </summary>
    public string? RegressionCheck { get; init; }

    /// <summary>Main after the merge: the post-merge verification and, when it failed or a person asked, the revert.</summary>
    public Verification.PostMergeRecord? PostMerge { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
}
