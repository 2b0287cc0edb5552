using Squad.Core.Domain;
using Squad.Core.Forge;
using Squad.Core.Orchestration;

namespace Squad.Core.Verification;

/// <summary>
/// Undoes a bad merge, in the journal's order: the revert branch (pushed once, found again by name), the revert pull
/// request (opened once by the orchestrator, found again by its branch), the revert gate, the merge (the code host finds
/// a merge it made and never recorded), then the issue reopened with <c>squad:reverted</c> and the failure, a comment on
/// the merged pull request and one progress message (Slack, in <c>squad serve</c>). Each outward effect is keyed, so a
/// run killed anywhere and run again opens one revert and says everything once.
/// </summary>
internal sealed class Reverter(WorkspaceManager workspaces)
{
    public const string RevertedLabel = "squad:reverted";

    public async Task RevertAsync(SquadSession session, int pullRequestNumber, PostMergeRecord failure, CancellationToken cancellationToken)
    {
        var services = session.Services;
        var mergeSha = failure.MergeCommitSha;
        var branch = session.Record.PostMerge?.RevertBranch ?? RevertBranch.NameFor(mergeSha);
        await session.SaveAsync(r => r with { PostMerge = failure with { RevertBranch = branch } }, cancellationToken);
        CrashPoint.Reach("revert:intent");

        var original = await services.CodeHost.GetPullRequestAsync(session.Repository.Name, pullRequestNumber, cancellationToken);
        // Idempotent by itself: a branch already at the code host, or a pull request of it (merged, its branch gone), is
        // the revert an earlier, killed run made.
        var clean = await services.CodeHost.FindPullRequestAsync(session.Repository.Name, branch, cancellationToken) is not null
            || await new RevertBranch(workspaces).PushAsync(session, branch, mergeSha, original.Title, cancellationToken);
        CrashPoint.Reach("revert:pushed");
        if (!clean)
        {
            await HandOffAsync(session, original, null, $"git cannot revert {mergeSha[..12]} cleanly on {session.Repository.DefaultBranch}", cancellationToken);
            return;
        }

        var revert = await OpenAsync(session, original, branch, cancellationToken);
        var mergedAs = await MergeAsync(session, revert, mergeSha, cancellationToken);
        if (mergedAs is null)
        {
            return;
        }

        await ReopenAsync(session, original, revert, mergedAs, cancellationToken);
    }

    private static async Task<PullRequest> OpenAsync(SquadSession session, PullRequest original, string branch, CancellationToken cancellationToken)
    {
        var services = session.Services;
        var repository = session.Repository.Name;
        await session.Journal.SetAsync("revert:pr", async () =>
        {
            if (await services.CodeHost.FindPullRequestAsync(repository, branch, cancellationToken) is null)
            {
                await services.CodeHost.CreatePullRequestAsync(repository, new NewPullRequest
                {
                    Title = services.Redactor.Redact($"Revert \"{original.Title}\""),
                    Body = Sign(session, $"Reverts #{original.Number} ({original.Url}), merged as {session.Record.PostMerge!.MergeCommitSha}.\n\n{Why(session)}"),
                    HeadBranch = branch,
                    BaseBranch = session.Repository.DefaultBranch,
                    Author = services.Orchestrator,
                }, cancellationToken);
            }
        }, cancellationToken);
        var revert = await services.CodeHost.FindPullRequestAsync(repository, branch, cancellationToken)
            ?? throw new SquadException(SquadErrorCode.Integration, $"the revert pull request of {branch} is not at the code host after it was opened");
        await session.SaveAsync(r => r with { PostMerge = r.PostMerge! with { RevertPullRequestNumber = revert.Number, RevertPullRequestUrl = revert.Url } }, cancellationToken);
        await session.ReportAsync(SquadStep.Merge, $"revert PR #{revert.Number} open for {session.Record.PostMerge!.MergeCommitSha[..12]}", cancellationToken);
        return revert;
    }

    /// <summary>The revert through its gate and merged; null when it went to a person.</summary>
    private async Task<string?> MergeAsync(SquadSession session, PullRequest revert, string mergeSha, CancellationToken cancellationToken)
    {
        var services = session.Services;
        if (revert.State == PullRequestState.Merged)
        {
            // Merged by a run that was killed before it recorded the merge.
            return await RecordMergeAsync(session, revert.MergeCommitSha ?? "", cancellationToken);
        }

        var decision = await new RevertGate(workspaces).EvaluateAsync(session, revert, mergeSha, cancellationToken);
        if (decision.Verdict != GateVerdict.Pass)
        {
            await HandOffAsync(session, revert, revert, decision.Reason, cancellationToken);
            return null;
        }

        var result = await services.CodeHost.MergeAsync(session.Repository.Name, revert.Number, new MergeRequest
        {
            ExpectedHeadSha = revert.HeadSha,
            CommitTitle = $"{revert.Title} (#{revert.Number})",
            CommitMessage = $"Squad-Revert-Of: {mergeSha}\nSquad-Issue: {session.Id}",
            Merger = services.Orchestrator,
        }, cancellationToken);
        if (result.Status != MergeStatus.Merged)
        {
            await HandOffAsync(session, revert, revert, $"the revert's merge was refused ({result.Status}): {result.Message}", cancellationToken);
            return null;
        }

        CrashPoint.Reach("revert:merged");
        return await RecordMergeAsync(session, result.MergeCommitSha!, cancellationToken);
    }

    private static async Task<string> RecordMergeAsync(SquadSession session, string mergedAs, CancellationToken cancellationToken)
    {
        await session.SaveAsync(r => r with { PostMerge = r.PostMerge! with { RevertMergeSha = mergedAs } }, cancellationToken);
        await session.ReportAsync(SquadStep.Merge, $"revert merged as {mergedAs[..Math.Min(12, mergedAs.Length)]}", cancellationToken);
        return mergedAs;
    }

    private static async Task ReopenAsync(SquadSession session, PullRequest original, PullRequest revert, string mergedAs, CancellationToken cancellationToken)
    {
        var services = session.Services;
        var journal = session.Journal;
        var summary = $"Squad reverted PR #{original.Number} with PR #{revert.Number} ({revert.Url}), merged as {mergedAs}.";
        await journal.SetAsync("tracker:reopened", () => services.Tracker.MoveAsync(session.Id, IssueStateType.Unstarted, cancellationToken), cancellationToken);
        await journal.CommentOnIssueAsync("tracker:reverted-comment", Sign(session, $"{summary}\n\n{Why(session)}"), cancellationToken, label: RevertedLabel);
        await journal.CommentOnPullRequestAsync("pr:reverted-comment", original.Number, services.Orchestrator, Sign(session, $"{summary}\n\n{Why(session)}"), cancellationToken);
        var reason = $"{Cause(session)}; reverted by PR #{revert.Number}";
        await journal.SetAsync("notify:reverted", () => session.ReportAsync(SquadStep.Done, "reverted: " + reason, cancellationToken), cancellationToken);
        await session.SaveAsync(r => r with { Step = SquadStep.Done, Outcome = SquadOutcome.Reverted, Reason = reason }, cancellationToken);
    }

    /// <summary>The revert needs a person: said on the pull request (when there is one) and the issue, once; main stays as it is.</summary>
    private static async Task HandOffAsync(SquadSession session, PullRequest onto, PullRequest? revert, string why, CancellationToken cancellationToken)
    {
        var services = session.Services;
        var reason = $"{Cause(session)}, and {why}: a person must revert {session.Record.PostMerge!.MergeCommitSha[..12]}";
        var text = Sign(session, $"Squad could not revert this merge by itself: {why}.{(revert is null ? "" : $" The revert is PR #{revert.Number}.")}\n\n{Why(session)}");
        await session.Journal.CommentOnPullRequestAsync("pr:revert-needs-human", onto.Number, services.Orchestrator, text, cancellationToken);
        await session.Journal.CommentOnIssueAsync("tracker:revert-needs-human", text, cancellationToken, label: "squad:needs-human");
        await session.Journal.SetAsync("notify:revert-needs-human", () => session.ReportAsync(SquadStep.Done, "needs a person: " + reason, cancellationToken), cancellationToken);
        await session.SaveAsync(r => r with { Outcome = SquadOutcome.NeedsHuman, Reason = services.Redactor.Redact(reason) }, cancellationToken);
    }

    private static string Cause(SquadSession session) => session.Record.PostMerge is { RevertRequestedBy: { } who }
        ? $"{who} asked for the revert"
        : $"post-merge verification failed ('{session.Record.PostMerge?.FailedCommand}' exited {session.Record.PostMerge?.ExitCode})";

    private static string Why(SquadSession session)
    {
        var record = session.Record.PostMerge!;
        return record.FailedCommand is null
            ? $"{Cause(session)}."
            : $"Post-merge verification of {record.MergeCommitSha} failed: '{record.FailedCommand}' exited {record.ExitCode}.\n\n{FailureText.Fence(session.Services.Redactor, record.Output)}";
    }

    private static string Sign(SquadSession session, string text) => session.Services.Redactor.Redact(text) + $"\n\n---\nSquad · {session.Services.ModelLine}";
}
