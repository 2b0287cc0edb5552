using Squad.Core.Domain;
using Squad.Core.Forge;
using Squad.Core.Git;
using Squad.Core.Tools;

namespace Squad.Core.Orchestration.Queue;

/// <summary>
/// One approved pull request through the merge queue: wait for its turn, build the merge result of the approved head on
/// the current base in Squad's clone, run the base branch's merge guardrails on exactly that tree in a fresh sandboxed
/// copy, and land exactly that result: the code host merges only if the base is still the one tested (and, in the local
/// forge, only if its squash has the tested tree). A base that moved meanwhile is tested again.
/// </summary>
/// <remarks>
/// While it waits, a candidate tests ahead (<see cref="TestAheadAsync"/>): its merge result on the main that will be once
/// the candidates ahead of it land in order, built in the clone from their heads. Nothing lands from that test: it only
/// records the outcome by tree and rules (<see cref="GuardrailResults"/>). At its turn, the candidate builds its merge
/// result on the real main as always; when the prediction held, that is the same tree on a base with the same tree, the
/// same key, and the recorded (or still running) test answers; when it did not, the key differs and the test runs. So
/// what lands is still exactly what was tested, and a wrong prediction costs only the machine time of one test.
/// </remarks>
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
        var entering = queue.EnterAsync(candidate, cancellationToken);
        using var aheadStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var ahead = new Ahead();
        var testingAhead = TestAheadAsync(session, pullRequest, candidate, entering, ahead, aheadStop.Token);
        try
        {
            await using var turn = await entering;
            var landing = await InTurnAsync(session, pullRequest, entered, ahead, aheadStop, cancellationToken);
            if (landing is { Kind: QueueLandingKind.Merged, MergeCommitSha: { } merged, BaseSha: { } landedOn } && GitCli.IsObjectId(merged))
            {
                queue.Landed(candidate.Repository, new MergeQueue.Landing(merged, candidate.HeadSha, landedOn, landing.Tree));
            }

            return landing;
        }
        finally
        {
            await aheadStop.CancelAsync();
            await testingAhead;
        }
    }

    private async Task<QueueLanding> InTurnAsync(SquadSession session, PullRequest pullRequest, DateTimeOffset entered, Ahead ahead, CancellationTokenSource aheadStop, CancellationToken cancellationToken)
    {
        var services = session.Services;
        var head = pullRequest.HeadSha;
        var waited = services.Time.GetUtcNow() - entered;
        await session.SaveAsync(r => r with { QueueWait = r.QueueWait + waited }, cancellationToken);
        for (var attempt = 1; attempt <= MaxRetests; attempt++)
        {
            string main;
            string tree;
            string? clone = null;
            if (attempt == 1 && StandingTest(session, ahead) is { } standing)
            {
                // Every candidate ahead landed as predicted: the merge result on the main that came is the one tested ahead
                // (the same parent and tree as the predicted main), so it is neither fetched nor built again. The code host
                // still merges only on that main with that tree; anything else is tested again below.
                (main, tree) = standing;
                await session.ReportAsync(SquadStep.Merge,
                    $"queue: testing the merge result of {head[..12]} on {pullRequest.BaseBranch} {main[..12]} (attempt {attempt}): the one tested ahead, each landing ahead as predicted", cancellationToken);
            }
            else
            {
                clone = await workspaces.EnsureCloneAsync(session.Repository, cancellationToken);
                main = await services.Git.RevParseAsync(clone, $"refs/remotes/origin/{pullRequest.BaseBranch}", cancellationToken);
                var merge = await MergeTree.BuildAsync(services.Git, clone, main, head, cancellationToken);
                if (!merge.IsClean)
                {
                    return QueueLanding.Of(QueueLandingKind.TextualConflict, $"{head[..12]} does not merge cleanly into {pullRequest.BaseBranch} at {main[..12]}", main, merge.Conflicts);
                }

                tree = merge.Tree;
                PristineGuardrails.NoteWrittenTree(workspaces, clone, tree);
                await session.ReportAsync(SquadStep.Merge, $"queue: testing the merge result of {head[..12]} on {pullRequest.BaseBranch} {main[..12]} (attempt {attempt})", cancellationToken);
                if (ahead.Test?.Key is { } predicted && predicted != await KeyAsync(session, main, tree, cancellationToken))
                {
                    // The test ahead was of another tree or base: the prediction failed; stop it, the real test goes on alone.
                    await aheadStop.CancelAsync();
                }
            }

            if (await TestAsync(session, main, tree, "queue", cancellationToken) is { } failure)
            {
                clone ??= await workspaces.EnsureCloneHoldingAsync(session.Repository, main, cancellationToken);
                return await ClassifyAsync(session, pullRequest, main, failure, clone, cancellationToken);
            }

            CrashPoint.Reach(CrashPoint.QueueTested);
            var (result, exact) = await MergeAsync(session, pullRequest, main, tree, cancellationToken);
            switch (result.Status)
            {
                case MergeStatus.Merged:
                    if (result.Warning is { } warning)
                    {
                        await session.ReportAsync(SquadStep.Merge, $"queue: merged, but not exactly as tested: {warning}", cancellationToken);
                    }

                    return QueueLanding.Merged(result.MergeCommitSha!, main, exact && result.Warning is null ? tree : null);
                case MergeStatus.BaseChanged:
                    await session.ReportAsync(SquadStep.Merge, $"queue: {pullRequest.BaseBranch} moved while the merge result was tested: testing again on the new {pullRequest.BaseBranch}", cancellationToken);
                    continue;
                case MergeStatus.HeadChanged:
                    return QueueLanding.Of(QueueLandingKind.HeadChanged, result.Message ?? "the head moved after approval");
                case MergeStatus.Conflict:
                    // Another writer moved the base between our fetch and the merge: the next attempt builds on the new base.
                    continue;
                case var _ when clone is null:
                    // The tree tested ahead was refused (the host built another merge result): the turn builds and tests its
                    // own on a fetched main, as it would have without the prediction.
                    await session.ReportAsync(SquadStep.Merge, $"queue: the merge result tested ahead was refused ({result.Message}): testing again on a fetched {pullRequest.BaseBranch}", cancellationToken);
                    continue;
                default:
                    return QueueLanding.Of(QueueLandingKind.Refused, $"the merge was refused ({result.Status}): {result.Message}");
            }
        }

        return QueueLanding.Of(QueueLandingKind.Refused, $"{pullRequest.BaseBranch} moved under each of {MaxRetests} tests of the merge result; merge it when the base is quieter");
    }

    /// <summary>
    /// While <paramref name="candidate"/> waits for its turn: each time the queue changes, the candidates ahead of it are
    /// read again, and when they differ from those of the last test ahead (and are at most the lookahead), its merge result
    /// on the predicted main is tested. Only without set-up: set-up runs with the network, and content that has not landed
    /// (the heads ahead) never gets it. Never throws: a test ahead is an optimisation, its failure is the turn's business.
    /// </summary>
    private async Task TestAheadAsync(SquadSession session, PullRequest pullRequest, MergeCandidate candidate, Task entering, Ahead ahead, CancellationToken cancellationToken)
    {
        var depth = session.Services.Options.QueueLookahead;
        if (depth <= 0 || session.Config.Merge.Count == 0 || session.Config.Setup.Count > 0)
        {
            return;
        }

        string? tried = null;
        try
        {
            while (!entering.IsCompleted && !cancellationToken.IsCancellationRequested)
            {
                var changed = queue.Changed;
                if (queue.Ahead(candidate, depth) is { } landing && string.Join(',', landing.Select(c => c.HeadSha)) is var plan && plan != tried)
                {
                    tried = plan;
                    if (ahead.Test is { } made && made.Prediction.Through(queue.Landings(candidate.Repository), [.. landing.Select(c => c.HeadSha)]) is { } stands)
                    {
                        // Those ahead that landed since did as predicted: the rest of the prediction, and so the test ahead, stand.
                        ahead.Test = made with { Prediction = stands };
                        continue;
                    }

                    await TestOnPredictedMainAsync(session, pullRequest, candidate, landing, ahead, cancellationToken);
                    continue;
                }

                await Task.WhenAny(changed, entering, Task.Delay(Timeout.Infinite, cancellationToken));
            }
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped (the turn came, or the run ends): whatever the test threw on its way out.
        }
        catch (Exception ex)
        {
            // Whatever stopped it, the landing goes on: its turn tests as if nothing had been tested ahead.
            await session.ReportAsync(SquadStep.Merge, $"queue: testing ahead stopped: {ex.Message}", CancellationToken.None);
        }
    }

    /// <summary>The predicted main: each candidate ahead merged in order onto the fetched main (one that conflicts is skipped: it would go back to its squad), as commits of Squad's clone that no ref names.</summary>
    private async Task TestOnPredictedMainAsync(
        SquadSession session, PullRequest pullRequest, MergeCandidate candidate, IReadOnlyList<MergeCandidate> landing, Ahead ahead, CancellationToken cancellationToken)
    {
        var git = session.Services.Git;
        var head = pullRequest.HeadSha;
        // The clone as the last fetch left it (every squad's fetches update it), unless it lacks the last landing: then fetched.
        var clone = queue.LastLanded(candidate.Repository) is { } landed
            ? await workspaces.EnsureCloneHoldingAsync(session.Repository, landed, cancellationToken)
            : session.Workspace?.ClonePath ?? await workspaces.EnsureCloneAsync(session.Repository, cancellationToken);
        var main = await git.RevParseAsync(clone, $"refs/remotes/origin/{pullRequest.BaseBranch}", cancellationToken);
        var predicted = main;
        var merged = new List<string>();
        var trees = new List<string?>();
        foreach (var before in landing)
        {
            var theirs = await MergeTree.BuildAsync(git, clone, predicted, before.HeadSha, cancellationToken);
            trees.Add(theirs.IsClean ? theirs.Tree : null);
            if (!theirs.IsClean)
            {
                continue;
            }

            predicted = await PredictedCommitAsync(git, clone, theirs.Tree, predicted, $"Squad: {pullRequest.BaseBranch} once #{before.PullRequestNumber} lands (predicted, never pushed)", cancellationToken);
            merged.Add($"#{before.PullRequestNumber}");
        }

        var mine = await MergeTree.BuildAsync(git, clone, predicted, head, cancellationToken);
        if (merged.Count == 0 || !mine.IsClean)
        {
            return;
        }

        PristineGuardrails.NoteWrittenTree(workspaces, clone, mine.Tree);
        workspaces.NoteWritten(clone, predicted);
        var key = await KeyAsync(session, predicted, mine.Tree, cancellationToken);
        var previous = ahead.Test;
        ahead.Test = new AheadTest(new AheadPrediction(main, [.. landing.Select(c => c.HeadSha)], trees), key, mine.Tree);
        if (key == previous?.Key)
        {
            // The one that landed was ahead in the last prediction too: the same tree on the same base, tested already.
            return;
        }

        await session.ReportAsync(SquadStep.Merge,
            $"queue: testing ahead while {string.Join(", ", merged)} land: the merge result of {head[..12]} on {pullRequest.BaseBranch} {main[..12]} + {string.Join(" + ", merged)}", cancellationToken);
        await PristineGuardrails.RunAsync(session, workspaces, predicted, mine.Tree, session.Config.Merge, $"{session.Id}-ahead", "queue (ahead)", cancellationToken,
            keep: _ =>
            {
                CrashPoint.Reach(CrashPoint.QueueAheadRan);
                return false;
            });
    }

    /// <summary>
    /// Predicted mains already made, by clone, tree, parent and message: the candidates behind one another predict the same
    /// mains step by step, and a commit made for one of them stands for the others (no ref names it; what a test of it
    /// answers is keyed by trees).
    /// </summary>
    private static readonly KeptAnswers<string> PredictedCommits = new(256);

    internal static Task<string> PredictedCommitAsync(GitCli git, string clone, string tree, string parent, string message, CancellationToken cancellationToken)
        => PredictedCommits.GetAsync($"{clone}\0{tree}\0{parent}\0{message}",
            async () => (await git.RunAsync(clone, ["commit-tree", tree, "-p", parent, "-m", message], cancellationToken: CancellationToken.None)).Trim(),
            cancellationToken: cancellationToken);

    /// <summary>The key the turn's test of <paramref name="tree"/> on <paramref name="main"/> records under.</summary>
    private async Task<string> KeyAsync(SquadSession session, string main, string tree, CancellationToken cancellationToken)
    {
        var (tested, setupTree) = await PristineGuardrails.TreesAsync(session, workspaces, main, tree, cancellationToken, SquadStep.Merge);
        return GuardrailResults.Key(tested, setupTree, session.Config.Merge, session.Config, session.Services.Sandbox.Info.Description);
    }

    /// <summary>
    /// The merge result to land without a fetch: when every candidate that was ahead landed exactly as the test ahead
    /// predicted (<see cref="AheadPrediction.Through"/>), the main is the last landing's commit and the result the tree
    /// tested ahead. Null otherwise, or when this process saw no landing.
    /// </summary>
    private (string Main, string Tree)? StandingTest(SquadSession session, Ahead ahead)
    {
        var landings = queue.Landings(session.Repository.Name);
        if (ahead.Test is not { } made || landings.Count == 0)
        {
            return null;
        }

        return made.Prediction.Through(landings, []) is { } prediction && prediction.Main == landings[^1].Commit ? (prediction.Main, made.Tree) : null;
    }

    /// <summary>The test ahead now going or done: the prediction it was made on (moved on as landings come true), its key and the tree it tests.</summary>
    private sealed record AheadTest(AheadPrediction Prediction, string Key, string Tree);

    /// <summary>The test ahead, replaced whole, so the turn never reads one test's key with another's prediction. Null before the first.</summary>
    private sealed class Ahead
    {
        private AheadTest? test;

        public AheadTest? Test
        {
            get => Volatile.Read(ref test);
            set => Volatile.Write(ref test, value);
        }
    }

    /// <summary>
    /// Lands exactly the tested result: the host merges only on the tested base with the tested tree. A host with its own
    /// merge queue (GitHub's) is handed the approved head instead: it builds and tests its own merge group on its base.
    /// </summary>
    /// <returns>The host's answer, and whether it was asked to merge exactly the tested tree on the tested base.</returns>
    private static async Task<(MergeResult Result, bool Exact)> MergeAsync(SquadSession session, PullRequest pullRequest, string main, string tree, CancellationToken cancellationToken)
    {
        var host = session.Services.CodeHost;
        var request = ReviewLoop.MergeRequestFor(session, pullRequest);
        if (await host.HasMergeQueueAsync(session.Repository.Name, pullRequest.BaseBranch, cancellationToken))
        {
            await session.ReportAsync(SquadStep.Merge, $"queue: {pullRequest.BaseBranch} has the code host's merge queue: enqueueing {pullRequest.HeadSha[..12]} there", cancellationToken);
            return (await host.MergeAsync(session.Repository.Name, pullRequest.Number, request, cancellationToken), false);
        }

        return (await host.MergeAsync(session.Repository.Name, pullRequest.Number, request with { ExpectedBaseSha = main, ExpectedTreeSha = tree }, cancellationToken), true);
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
