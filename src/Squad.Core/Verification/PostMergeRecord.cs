namespace Squad.Core.Verification;

/// <summary>
/// What happened on main after a squad's merge: the post-merge verification of the merge commit and, when it failed (or a
/// person asked), the revert. Stored with the squad, so a resume reads the result instead of judging main again, and
/// finds the revert branch and pull request it already made.
/// </summary>
public sealed record PostMergeRecord
{
    public required string MergeCommitSha { get; init; }

    /// <summary>True when every <c>verify</c> command passed on the merge commit.</summary>
    public required bool Passed { get; init; }

    /// <summary>The first command that failed; null when all passed or a person asked for the revert.</summary>
    public string? FailedCommand { get; init; }

    public int ExitCode { get; init; }

    /// <summary>The failing command's output, redacted and capped (never fenced here: each place that shows it fences it).</summary>
    public string Output { get; init; } = "";

    /// <summary>The cause's signature (<see cref="FailureSignature"/>): a Healer budget counts attempts per signature.</summary>
    public string? Signature { get; init; }

    /// <summary>Why the merge is reverted when no verification failed: <c>squad revert</c> by a person.</summary>
    public string? RevertRequestedBy { get; init; }

    /// <summary>The revert's branch, stored before anything is pushed to it.</summary>
    public string? RevertBranch { get; init; }

    public int? RevertPullRequestNumber { get; init; }

    public string? RevertPullRequestUrl { get; init; }

    /// <summary>The commit the revert landed as; null until it merged.</summary>
    public string? RevertMergeSha { get; init; }
}
