using Squad.Core.Orchestration;

namespace Squad.Core.Verification;

/// <summary>
/// What follows every merge Squad records: verify main's new commit, once (the result is stored, so a resume reads it
/// instead of judging main again), and revert the merge when verification fails.
/// </summary>
internal sealed class PostMergeStep(WorkspaceManager workspaces)
{
    /// <summary>True when main holds: the squad settles as merged. False when it was reverted or handed to a person.</summary>
    public async Task<bool> RunAsync(SquadSession session, int pullRequestNumber, string mergeSha, CancellationToken cancellationToken)
    {
        var result = session.Record.PostMerge is { } stored && stored.MergeCommitSha == mergeSha ? stored : null;
        if (result is null)
        {
            result = await new PostMergeVerifier(workspaces).VerifyAsync(session, mergeSha, cancellationToken);
            await session.SaveAsync(r => r with { PostMerge = result }, cancellationToken);
            CrashPoint.Reach("verify:recorded");
        }

        if (result.Passed)
        {
            return true;
        }

        await new Reverter(workspaces).RevertAsync(session, pullRequestNumber, result, cancellationToken);
        return false;
    }

    /// <summary><c>squad revert</c>: the same revert, asked for by a person.</summary>
    public Task RevertByHandAsync(SquadSession session, int pullRequestNumber, string mergeSha, string who, CancellationToken cancellationToken)
    {
        var record = session.Record.PostMerge is { } stored && stored.MergeCommitSha == mergeSha
            ? stored with { RevertRequestedBy = stored.Passed ? who : stored.RevertRequestedBy }
            : new PostMergeRecord { MergeCommitSha = mergeSha, Passed = true, RevertRequestedBy = who };
        return new Reverter(workspaces).RevertAsync(session, pullRequestNumber, record, cancellationToken);
    }
}
