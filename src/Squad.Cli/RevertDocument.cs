using Squad.Core.Orchestration;

namespace Squad.Cli;

/// <summary>What <c>squad revert --json</c> prints: the squad as the revert left it.</summary>
internal sealed record RevertDocument
{
    public required string Issue { get; init; }

    public required string Outcome { get; init; }

    public string? Reason { get; init; }

    public required string MergeCommit { get; init; }

    public int? RevertPullRequest { get; init; }

    public string? RevertPullRequestUrl { get; init; }

    public string? RevertCommit { get; init; }

    public static RevertDocument From(SquadRecord squad) => new()
    {
        Issue = squad.IssueIdentifier,
        Outcome = StatusBuilder.OutcomeName(squad.Outcome),
        Reason = squad.Reason,
        MergeCommit = squad.MergeCommitSha ?? "",
        RevertPullRequest = squad.PostMerge?.RevertPullRequestNumber,
        RevertPullRequestUrl = squad.PostMerge?.RevertPullRequestUrl,
        RevertCommit = squad.PostMerge?.RevertMergeSha,
    };
}
