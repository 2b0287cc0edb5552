using Squad.Core.Domain;
using Squad.Core.Forge;
using Squad.Core.Orchestration.Queue;
using Squad.Core.Tools;

namespace Squad.Core.Orchestration;

/// <summary>
/// Reviews, fix rounds and merge. Both reviewers read the head's commit in parallel; the merge gate decides; changes go back to the Developer (and to QA for
/// test gaps); after the configured rounds the squad hands the PR to a person. An approved PR goes through the merge
/// queue (<see cref="QueuedMerge"/>): a conflict with the base goes back to the Developer (<see cref="ConflictRound"/>).
/// </summary>
internal sealed class ReviewLoop(AgentPasses passes, WorkspaceManager workspaces, MergeGate gate, QueuedMerge queue)
{
    private static readonly Role[] Reviewers = [Role.CodeReviewer, Role.QaSpecialist];

    private readonly Verification.PostMergeStep postMerge = new(workspaces);

    public async Task RunAsync(SquadSession session, CancellationToken cancellationToken)
    {
        var services = session.Services;
        var repository = session.Repository.Name;
        var number = session.Record.PullRequestNumber!.Value;
        while (true)
        {
            var pullRequest = await services.CodeHost.GetPullRequestAsync(repository, number, cancellationToken);
            if (pullRequest.State == PullRequestState.Merged)
            {
                await FinishMergedAsync(session, pullRequest, pullRequest.MergeCommitSha ?? "", cancellationToken);
                return;
            }

            await ReviewHeadAsync(session, pullRequest, cancellationToken);
            var reviews = await services.CodeHost.ListReviewsAsync(repository, number, cancellationToken);
            var decision = await gate.EvaluateAsync(new GateInput
            {
                Host = services.CodeHost,
                Repository = repository,
                HeadSha = pullRequest.HeadSha,
                BaseSha = $"refs/remotes/origin/{pullRequest.BaseBranch}",
                Reviewers = [.. Reviewers.Select(r => services.Agents[r].Identity)],
                Reviews = reviews,
                Config = session.Config,
                Commands = services.Commands(session.Config),
                ClonePath = session.Workspace!.ClonePath,
                // The merge queue runs the merge guardrails on the merge result with the current base, not on the head.
                TestHead = false,
                CreateCheckoutAsync = token => workspaces.CreateCopyAsync(session.Repository, $"refs/remotes/origin/{pullRequest.BaseBranch}", pullRequest.HeadSha,
                    $"{session.Id}-gate", SquadRunner.SetUpFor(session, token), token),
                RemoveCheckoutAsync = checkout => workspaces.RemoveAsync(checkout, CancellationToken.None),
            }, cancellationToken);
            if (decision.Verdict == GateVerdict.Hold)
            {
                await HandOffAsync(session, pullRequest, decision.Reason, cancellationToken);
                return;
            }

            if (decision.Verdict == GateVerdict.Pass)
            {
                var landing = await queue.LandAsync(session, pullRequest, cancellationToken);
                if (landing.Kind != QueueLandingKind.HeadFails)
                {
                    if (await AfterQueueAsync(session, pullRequest, landing, cancellationToken))
                    {
                        return;
                    }

                    continue;
                }

                decision = GateDecision.ChangesNeeded(landing.Detail);
            }

            if (session.Record.ReviewRounds >= services.Options.MaxReviewRounds)
            {
                await HandOffAsync(session, pullRequest, $"no agreement after {session.Record.ReviewRounds} review rounds ({decision.Reason})", cancellationToken);
                return;
            }

            if (await FixAsync(session, pullRequest, reviews, decision, cancellationToken) is { } stuck)
            {
                await HandOffAsync(session, pullRequest, stuck, cancellationToken);
                return;
            }
        }
    }

    private async Task ReviewHeadAsync(SquadSession session, PullRequest pullRequest, CancellationToken cancellationToken)
    {
        var services = session.Services;
        var reviews = await services.CodeHost.ListReviewsAsync(session.Repository.Name, pullRequest.Number, cancellationToken);
        var pending = Reviewers
            .Where(role => !reviews.Any(r => r.Author == services.Agents[role].Identity.Login && r.CommitSha == pullRequest.HeadSha))
            .ToList();
        if (pending.Count == 0)
        {
            return;
        }

        var round = session.Record.ReviewRounds + 1;
        await session.ReportAsync(SquadStep.Review, $"review round {round} of {pullRequest.HeadSha[..12]}", cancellationToken);

        // Both read the head's commit from the clone's objects, by its id: nothing they or anything else runs can change what
        // they read, and there is no copy of it to make (their briefing reads the history from the same clone).
        // The reviewers' commands run in one throwaway copy of the head, one at a time: the evidence's own, once it has run.
        await using var commands = new CommandCopy(workspaces, session, $"refs/remotes/origin/{pullRequest.BaseBranch}", pullRequest.HeadSha, $"{session.Id}-review-commands");
        var clone = await workspaces.EnsureCloneHoldingAsync(session.Repository, pullRequest.HeadSha, cancellationToken);
        session.HeadTests = await RunHeadTestsAsync(session, pullRequest, commands, cancellationToken);
        await AdoptCommitCopyAsync(session, pullRequest, commands, cancellationToken);
        var head = new CommitFiles(services.Git, clone, pullRequest.HeadSha);
        await Task.WhenAll(pending.Select(role => ReviewAsync(session, role, head, pullRequest, commands, cancellationToken)));
        await session.SaveAsync(r => r with { ReviewRounds = round, Step = SquadStep.Review }, cancellationToken);
    }

    /// <summary>
    /// The Developer's commit checks' copy of this very head, set up on the same base, becomes the reviewers' command copy
    /// when the evidence reused that run (no copy of its own); otherwise it goes.
    /// </summary>
    private async Task AdoptCommitCopyAsync(SquadSession session, PullRequest pullRequest, CommandCopy commands, CancellationToken cancellationToken)
    {
        if (session.CommitCopy is not { } kept)
        {
            return;
        }

        session.CommitCopy = null;
        var (tree, setupTree) = await PristineGuardrails.TreesAsync(session, workspaces, $"refs/remotes/origin/{pullRequest.BaseBranch}", pullRequest.HeadSha, cancellationToken, SquadStep.Review);
        if (kept.Tree != tree || kept.SetupTree != setupTree || !commands.Adopt(kept.Copy))
        {
            await workspaces.RemoveAsync(kept.Copy, CancellationToken.None);
        }
    }

    /// <summary>
    /// The evidence the reviewers read: the merge guardrails (or the repository's <c>test</c> command alone, when they do not
    /// hold it) at the head, in a pristine sandboxed copy set up on base content; recorded by tree and rules
    /// (<see cref="GuardrailResults"/>) like the queue's runs.
    /// </summary>
    private async Task<HeadTests> RunHeadTestsAsync(SquadSession session, PullRequest pullRequest, CommandCopy commands, CancellationToken cancellationToken)
    {
        // The merge guardrails when they hold the tests (the gate's own verdict, in advance): the queue's test of a merge
        // result whose tree is the head's (main has not moved since) then reuses this run instead of testing it again, and
        // this run reuses the Developer's commit checks of the same tree (AgentPasses.PristineChecksOf).
        if (TestEvidence.Commands(session.Config) is not { } names)
        {
            return new HeadTests(pullRequest.HeadSha, null, "the repository's .squad.yml has no `test` command");
        }

        await session.ReportAsync(SquadStep.Review, $"tests at the head for the reviewers: {string.Join(", ", names)}", cancellationToken);
        var failure = await PristineGuardrails.RunAsync(session, workspaces, $"refs/remotes/origin/{pullRequest.BaseBranch}", pullRequest.HeadSha,
            names, $"{session.Id}-evidence", "the reviewers' evidence", cancellationToken, SquadStep.Review, commands.Adopt);
        return new HeadTests(pullRequest.HeadSha, failure);
    }

    /// <summary>
    /// A reviewer reads the head's commit from git's objects and runs its commands in the round's throwaway copy of the same
    /// commit: code it runs can change neither what it (or the other reviewer) reads nor the squad's branch.
    /// </summary>
    private async Task ReviewAsync(SquadSession session, Role role, CommitFiles head, PullRequest pullRequest, CommandCopy commands, CancellationToken cancellationToken)
    {
        var agent = session.Services.Agents[role];
        var task = role == Role.CodeReviewer ? SquadTasks.CodeReview : SquadTasks.QaReview;
        var result = await passes.RunAsync(session, role, task, "", pullRequest, cancellationToken, commands, commit: head);
        var verdict = result.Verdict is { } v ? v.ToString() : "no verdict";
        await session.ReportAsync(SquadStep.Review, $"{agent.DisplayName}: {verdict}", cancellationToken);
    }

    /// <returns>Null when the fix round pushed a new head; otherwise why the squad goes to a person.</returns>
    private async Task<string?> FixAsync(SquadSession session, PullRequest pullRequest, IReadOnlyList<Review> reviews, GateDecision decision, CancellationToken cancellationToken)
    {
        var services = session.Services;
        var qaLogin = services.Agents[Role.QaSpecialist].Identity.Login;
        var reviewersApproved = Reviewers.All(role => reviews.LastOrDefault(r => r.Author == services.Agents[role].Identity.Login)
            is { Verdict: Verdict.Approve } latest && latest.CommitSha == pullRequest.HeadSha);
        if (reviewersApproved)
        {
            // Both approved but a guardrail fails on the head: say so on the PR, where the Developer will read it.
            // Once per head: a resume that finds the gate holding the same head says nothing new.
            await session.Journal.CommentOnPullRequestAsync($"pr:gate-hold:{pullRequest.HeadSha}", pullRequest.Number, services.Orchestrator,
                services.Redactor.Redact($"The merge gate holds this head: {decision.Reason}") + $"\n\n---\nSquad · {services.ModelLine}", cancellationToken);
        }

        if (await BranchCatchUp.RunAsync(session, pullRequest, cancellationToken) is { } behind)
        {
            return behind + ": a person merges it into the branch";
        }

        var commitsBefore = pullRequest.HeadSha;
        var path = session.Workspace!.Path;
        if (reviews.LastOrDefault(r => r.Author == qaLogin) is { Verdict: Verdict.RequestChanges } qaReview && qaReview.CommitSha == pullRequest.HeadSha)
        {
            await passes.RunAsync(session, Role.Qa, SquadTasks.QaFix, path, pullRequest, cancellationToken);
        }

        await passes.RunAsync(session, Role.Developer, SquadTasks.DeveloperFix, path, pullRequest, cancellationToken);
        var head = await services.Git.RevParseAsync(path, "HEAD", cancellationToken);
        if (head == commitsBefore)
        {
            return "the fix round made no new commit";
        }

        await SquadRunner.PushAsync(session, cancellationToken);
        await session.CompleteStepAsync(SquadStep.Fix, cancellationToken);
        return null;
    }

    /// <summary>What the queue did, acted on: true when the squad is done (merged, or handed to a person).</summary>
    private async Task<bool> AfterQueueAsync(SquadSession session, PullRequest pullRequest, QueueLanding landing, CancellationToken cancellationToken)
    {
        switch (landing.Kind)
        {
            case QueueLandingKind.Merged:
                CrashPoint.Reach(CrashPoint.AfterMerge);
                await FinishMergedAsync(session, pullRequest, landing.MergeCommitSha!, cancellationToken);
                return true;
            case QueueLandingKind.HeadChanged:
                await session.ReportAsync(SquadStep.Review, "the head moved after approval: reviewing again", cancellationToken);
                return false;
            case QueueLandingKind.TextualConflict or QueueLandingKind.SemanticConflict:
                return !await new ConflictRound(passes).RunAsync(session, pullRequest, landing, cancellationToken);
            default:
                await HandOffAsync(session, pullRequest, landing.Detail, cancellationToken);
                return true;
        }
    }

    /// <summary>The squash merge of the approved head; the queue adds the base and the tree it tested.</summary>
    internal static MergeRequest MergeRequestFor(SquadSession session, PullRequest pullRequest)
    {
        var services = session.Services;
        return new MergeRequest
        {
            ExpectedHeadSha = pullRequest.HeadSha,
            CommitTitle = $"{pullRequest.Title} (#{pullRequest.Number})",
            // Trailers: the code host may add its own (the local forge names the pull request), by which a merge is found again.
            CommitMessage = $"Reviewed-by: {string.Join(", ", Reviewers.Select(r => services.Agents[r].Identity.Login))}\n{services.ModelLine}\nSquad-Issue: {session.Id}",
            Merger = services.Orchestrator,
        };
    }

    /// <summary>
    /// The merge is recorded here, once per squad, whoever found it (the queue, or a resume that finds the pull request
    /// merged). The hook for what follows a merge (post-merge verification) is this method: keep its name.
    /// </summary>
    private async Task FinishMergedAsync(SquadSession session, PullRequest pullRequest, string mergeSha, CancellationToken cancellationToken)
    {
        var services = session.Services;
        await session.SaveAsync(r => r with { Step = SquadStep.Merge, MergeCommitSha = mergeSha }, cancellationToken);
        await session.ReportAsync(SquadStep.Merge, $"merged as {mergeSha[..Math.Min(12, mergeSha.Length)]}", cancellationToken);
        await session.Journal.SetAsync("tracker:completed", () => services.Tracker.MoveAsync(session.Id, IssueStateType.Completed, cancellationToken), cancellationToken);
        await session.Journal.SetAsync("tracker:status-labels-cleared", () => ClearStatusLabelsAsync(session, cancellationToken), cancellationToken);
        await session.Journal.CommentOnIssueAsync("tracker:merged-comment",
            $"Squad merged PR #{pullRequest.Number} ({pullRequest.Url}) as {mergeSha}.\n\n---\nSquad · {services.ModelLine}", cancellationToken);

        // Post-merge verification, and the revert when main fails it: the one place it starts from.
        if (!await postMerge.RunAsync(session, pullRequest.Number, mergeSha, cancellationToken))
        {
            return;
        }

        await session.SaveAsync(r => r with { Step = SquadStep.Done, Outcome = SquadOutcome.Merged, Reason = null }, cancellationToken);
        await session.ReportAsync(SquadStep.Done, "merged", cancellationToken);
    }

    /// <summary>Merged: no status label Squad set on the way (refused, failed, needs a person, over budget) holds any more.</summary>
    private static async Task ClearStatusLabelsAsync(SquadSession session, CancellationToken cancellationToken)
    {
        (string Prefix, string Label)[] labels =
        [
            ("tracker:refused:", "squad:refused"), ("tracker:failed:", "squad:failed"), ("tracker:needs-human", "squad:needs-human"),
            ("tracker:no-diagnosis:", "squad:needs-human"), ("tracker:budget:", "squad:budget-exceeded"),
        ];
        foreach (var label in labels.Where(l => session.Record.Effects.Any(e => e.StartsWith(l.Prefix, StringComparison.Ordinal))).Select(l => l.Label).Distinct())
        {
            await session.Services.Tracker.SetLabelAsync(session.Id, label, false, cancellationToken);
        }
    }

    internal static async Task HandOffAsync(SquadSession session, PullRequest pullRequest, string reason, CancellationToken cancellationToken)
    {
        var services = session.Services;
        var text = services.Redactor.Redact($"Squad stopped and hands this pull request to a person: {reason}") + $"\n\n---\nSquad · {services.ModelLine}";
        await session.Journal.CommentOnPullRequestAsync("pr:needs-human", pullRequest.Number, services.Orchestrator, text, cancellationToken);
        await session.Journal.CommentOnIssueAsync("tracker:needs-human", text, cancellationToken, label: "squad:needs-human");
        await session.SaveAsync(r => r with { Outcome = SquadOutcome.NeedsHuman, Reason = reason }, cancellationToken);
        await session.ReportAsync(session.Record.Step, "needs a person: " + reason, cancellationToken);
    }
}
