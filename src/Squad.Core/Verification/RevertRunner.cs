using Squad.Core.Domain;
using Squad.Core.Orchestration;

namespace Squad.Core.Verification;

/// <summary>
/// <c>squad revert ISSUE|PR</c>: a person reverts a merge Squad made, by the same path post-merge verification takes
/// (revert branch, revert pull request, revert gate, merge, the issue reopened with <c>squad:reverted</c>), journaled in
/// the squad's own record, so a second call or a call after a crash makes no second revert.
/// </summary>
public sealed class RevertRunner(SquadServices services)
{
    /// <summary>The label a reverted issue carries.</summary>
    public const string RevertedLabel = Reverter.RevertedLabel;

    private readonly WorkspaceManager workspaces = new(services.Git, services.Options.ClonesDirectory, services.Options.WorktreesDirectory, services.CodeHost.GitEnvironment, memory: services.Options.MemoryWorktrees);

    /// <summary>Why <paramref name="record"/> cannot be reverted, in one line; null when it can.</summary>
    public static string? Refusal(SquadRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Outcome == SquadOutcome.Reverted || record.PostMerge?.RevertMergeSha is not null)
        {
            return $"{record.IssueIdentifier} is already reverted (PR #{record.PostMerge?.RevertPullRequestNumber}, merged as {record.PostMerge?.RevertMergeSha})";
        }

        return record.MergeCommitSha is null || record.PullRequestNumber is null
            ? $"{record.IssueIdentifier} was not merged by Squad (its squad is {record.Outcome.ToString().ToLowerInvariant()} at {record.Step}): there is nothing to revert"
            : null;
    }

    /// <summary>Reverts the squad's merge and returns the squad as it settled: reverted, or needing a person.</summary>
    /// <exception cref="SquadException">The squad made no merge, or its merge is already reverted (<see cref="SquadErrorCode.InvalidInput"/>).</exception>
    public async Task<SquadRecord> RevertAsync(string runId, Issue issue, SquadRecord record, string repositoryName, string who, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (Refusal(record) is { } refusal)
        {
            throw new SquadException(SquadErrorCode.InvalidInput, refusal);
        }

        var session = new SquadSession(services, runId, issue, record) { RepositoryName = repositoryName };
        session.Repository = await services.CodeHost.GetRepositoryAsync(repositoryName, cancellationToken);
        session.Config = await workspaces.LoadBaseConfigAsync(session.Repository, cancellationToken);
        await session.SaveAsync(r => r, cancellationToken);
        await session.ReportAsync(SquadStep.Merge, $"{who} asks to revert {record.MergeCommitSha![..12]}", cancellationToken);
        await new PostMergeStep(workspaces).RevertByHandAsync(session, record.PullRequestNumber!.Value, record.MergeCommitSha, who, cancellationToken);
        return session.Record;
    }
}
