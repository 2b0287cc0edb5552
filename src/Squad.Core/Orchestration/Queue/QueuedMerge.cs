using Squad.Core.Domain;
using Squad.Core.Forge;
using Squad.Core.Tools;

namespace Squad.Core.Orchestration.Queue;

/// <summary>
/// One approved pull request through the merge queue: wait for its turn, build the merge result of the approved head on
/// the current base in Squad's clone, run the base branch's merge guardrails on exactly that tree in a fresh sandboxed
/// copy, and land exactly that result: the code host merges only if the base is still the one tested (and, in the local
/// forge, only if its squash has the tested tree). A base that moved meanwhile is tested again.
/// </summary>
internal sealed class QueuedMerge(MergeQueue queue, WorkspaceManager workspaces)
{
    /// <summary>How often one turn tests again because the base moved under it, before it gives the turn up.</summary>
    private const int MaxRetests = 5;

    public async Task<QueueLanding> LandAsync(SquadSession session, PullRequest pullRequest, CancellationToken cancellationToken)
    {
        var services = session.Services;
        var head = pullRequest.HeadSha;
        var entered = services.Time.GetUtcNow();
        await session.SaveAsync(r => r with { QueuedAt = r.QueuedAt ?? entered }, cancellationToken);
        await session.ReportAsync(SquadStep.Merge, $"approved: {head[..12]} enters the merge queue", cancellationToken);
        var candidate = new MergeCandidate
        {
            SquadId = session.Id,
            Repository = session.Repository.Name,
            PullRequestNumber = pullRequest.Number,
            HeadSha = head,
            Lines = queue.Foresight.Find(session.Id)?.Lines ?? long.MaxValue,
        };
        await using var turn = await queue.EnterAsync(candidate, cancellationToken);
        var waited = services.Time.GetUtcNow() - entered;
        await session.SaveAsync(r => r with { QueueWait = r.QueueWait + waited }, cancellationToken);
        for (var attempt = 1; attempt <= MaxRetests; attempt++)
        {
            var clone = await workspaces.EnsureCloneAsync(session.Repository, cancellationToken);
            var main = await services.Git.RevParseAsync(clone, $"refs/remotes/origin/{pullRequest.BaseBranch}", cancellationToken);
            var merge = await MergeTree.BuildAsync(services.Git, clone, main, head, cancellationToken);
            if (!merge.IsClean)
            {
                return QueueLanding.Of(QueueLandingKind.TextualConflict, $"{head[..12]} does not merge cleanly into {pullRequest.BaseBranch} at {main[..12]}", main, merge.Conflicts);
            }

            await session.ReportAsync(SquadStep.Merge, $"queue: testing the merge result of {head[..12]} on {pullRequest.BaseBranch} {main[..12]} (attempt {attempt})", cancellationToken);
            if (await TestAsync(session, main, merge.Tree, "queue", cancellationToken) is { } failure)
            {
                return await ClassifyAsync(session, pullRequest, main, failure, clone, cancellationToken);
            }

            CrashPoint.Reach(CrashPoint.QueueTested);
            var result = await MergeAsync(session, pullRequest, main, merge.Tree, cancellationToken);
            switch (result.Status)
            {
                case MergeStatus.Merged:
                    if (result.Warning is { } warning)
                    {
                        await session.ReportAsync(SquadStep.Merge, $"queue: merged, but not exactly as tested: {warning}", cancellationToken);
                    }

                    return QueueLanding.Merged(result.MergeCommitSha!, main);
                case MergeStatus.BaseChanged:
                    await session.ReportAsync(SquadStep.Merge, $"queue: {pullRequest.BaseBranch} moved while the merge result was tested: testing again on the new {pullRequest.BaseBranch}", cancellationToken);
                    continue;
                case MergeStatus.HeadChanged:
                    return QueueLanding.Of(QueueLandingKind.HeadChanged, result.Message ?? "the head moved after approval");
                case MergeStatus.Conflict:
                    // Another writer moved the base between our fetch and the merge: the next attempt builds on the new base.
                    continue;
                default:
                    return QueueLanding.Of(QueueLandingKind.Refused, $"the merge was refused ({result.Status}): {result.Message}");
            }
        }

        return QueueLanding.Of(QueueLandingKind.Refused, $"{pullRequest.BaseBranch} moved under each of {MaxRetests} tests of the merge result; merge it when the base is quieter");
    }

    /// <summary>
    /// Lands exactly the tested result: the host merges only on the tested base with the tested tree. A host with its own
    /// merge queue (GitHub's) is handed the approved head instead: it builds and tests its own merge group on its base.
    /// </summary>
    private static async Task<MergeResult> MergeAsync(SquadSession session, PullRequest pullRequest, string main, string tree, CancellationToken cancellationToken)
    {
        var host = session.Services.CodeHost;
        var request = ReviewLoop.MergeRequestFor(session, pullRequest);
        if (await host.HasMergeQueueAsync(session.Repository.Name, pullRequest.BaseBranch, cancellationToken))
        {
            await session.ReportAsync(SquadStep.Merge, $"queue: {pullRequest.BaseBranch} has the code host's merge queue: enqueueing {pullRequest.HeadSha[..12]} there", cancellationToken);
            return await host.MergeAsync(session.Repository.Name, pullRequest.Number, request, cancellationToken);
        }

        return await host.MergeAsync(session.Repository.Name, pullRequest.Number, request with { ExpectedBaseSha = main, ExpectedTreeSha = tree }, cancellationToken);
    }

    /// <summary>
    /// The merge result fails. When the head already contains the base, the result is the head: its own failure. Otherwise
    /// the head alone is tested: it passes → a semantic conflict with what landed since; it fails → its own failure.
    /// </summary>
    private async Task<QueueLanding> ClassifyAsync(SquadSession session, PullRequest pullRequest, string main, CommandOutcome failure, string clone, CancellationToken cancellationToken)
    {
        var head = pullRequest.HeadSha;
        var describe = $"the guardrail '{failure.Name}' fails (exit {failure.ExitCode}) on the merge result of {head[..12]} with {pullRequest.BaseBranch} {main[..12]}:\n```\n{failure.Output}\n```";
        var upToDate = (await session.Services.Git.TryRunAsync(clone, ["merge-base", "--is-ancestor", main, head], cancellationToken: cancellationToken)).Succeeded;
        if (upToDate)
        {
            return QueueLanding.Of(QueueLandingKind.HeadFails, describe, main);
        }

        await session.ReportAsync(SquadStep.Merge, $"queue: the merge result fails '{failure.Name}': testing {head[..12]} alone", cancellationToken);
        var alone = await TestAsync(session, main, head, "queue-head", cancellationToken);
        return alone is null
            ? QueueLanding.Of(QueueLandingKind.SemanticConflict, describe, main)
            : QueueLanding.Of(QueueLandingKind.HeadFails,
                $"the guardrail '{alone.Name}' fails on {head[..12]} (exit {alone.ExitCode}):\n```\n{alone.Output}\n```", main);
    }

    /// <summary>The base branch's merge guardrails on exactly <paramref name="tree"/>, in a fresh sandboxed copy set up on the base's content.</summary>
    private async Task<CommandOutcome?> TestAsync(SquadSession session, string main, string tree, string suffix, CancellationToken cancellationToken)
    {
        if (session.Config.Merge.Count == 0)
        {
            return null;
        }

        return await PristineGuardrails.RunAsync(session, workspaces, main, tree, session.Config.Merge, $"{session.Id}-{suffix}", "queue", cancellationToken);
    }
}
