using Squad.Core.Domain;
using Squad.Core.Forge;
using Squad.Core.Tools;

namespace Squad.Core.Orchestration.Queue;

/// <summary>
/// A conflict goes back to the squad, not to a person: the orchestrator merges the base into the Developer's work tree
/// (conflict markers left in the files for a textual conflict; the merge left uncommitted for a semantic one), the
/// Developer resolves with the conflict or the failure in its briefing and commits (the commit completes the merge,
/// after the guardrails), the new head is pushed once, and both reviewers look at it again. Bounded: after
/// <see cref="SquadOptions.MaxConflictRounds"/> rounds, a person takes over with the reason.
/// </summary>
internal sealed class ConflictRound(AgentPasses passes)
{
    private const int MaxConflictCharacters = 20_000;

    /// <summary>True when a new head was pushed (review it); false when the squad handed the pull request to a person.</summary>
    public async Task<bool> RunAsync(SquadSession session, PullRequest pullRequest, QueueLanding landing, CancellationToken cancellationToken)
    {
        var services = session.Services;
        var max = services.Options.MaxConflictRounds;
        if (session.Record.ConflictRounds >= max)
        {
            await ReviewLoop.HandOffAsync(session, pullRequest, $"still in conflict with {pullRequest.BaseBranch} after {session.Record.ConflictRounds} conflict rounds ({landing.Summary})", cancellationToken);
            return false;
        }

        // The round is counted before it starts: a kill in the middle cannot buy unbounded attempts.
        var round = session.Record.ConflictRounds + 1;
        await session.SaveAsync(r => r with { ConflictRounds = round, Step = SquadStep.Review }, cancellationToken);
        await session.ReportAsync(SquadStep.Fix, $"conflict round {round} of {max}: {landing.Summary}", cancellationToken);
        await session.Journal.CommentOnPullRequestAsync($"pr:conflict-round:{round}", pullRequest.Number, services.Orchestrator,
            services.Redactor.Redact($"The merge queue sends this pull request back to the squad (conflict round {round} of {max}): {landing.Summary}.")
            + $"\n\n---\nSquad · {services.ModelLine}", cancellationToken);

        var path = session.Workspace!.Path;
        var git = services.Git;
        await git.TryRunAsync(path, ["merge", "--abort"], cancellationToken: cancellationToken);
        await git.RunAsync(path, ["reset", "-q", "--hard", "HEAD"], cancellationToken: cancellationToken);
        if (await BranchCatchUp.RunAsync(session, pullRequest, cancellationToken) is { } behind)
        {
            await ReviewLoop.HandOffAsync(session, pullRequest, behind, cancellationToken);
            return false;
        }

        var merged = await git.TryRunAsync(path, ["merge", "--no-ff", "--no-commit", "--no-edit", $"refs/remotes/origin/{pullRequest.BaseBranch}"],
            extraEnvironment: Git.GitCli.AuthorEnvironment(services.Orchestrator), cancellationToken: cancellationToken);
        if (merged.ExitCode is not (0 or 1) || merged.TimedOut)
        {
            throw new SquadException(SquadErrorCode.Git, $"git merge of {pullRequest.BaseBranch} into {pullRequest.HeadBranch} failed: {merged.StandardError.Trim().Split('\n', 2)[0]}");
        }

        session.Conflict = await DescribeAsync(session, landing, path, cancellationToken);
        try
        {
            await passes.RunAsync(session, Role.Developer, SquadTasks.ConflictFix, path, pullRequest, cancellationToken);
        }
        finally
        {
            session.Conflict = null;
        }

        var head = await git.RevParseAsync(path, "HEAD", cancellationToken);
        var unfinished = (await git.TryRunAsync(path, ["rev-parse", "-q", "--verify", "MERGE_HEAD"], cancellationToken: cancellationToken)).Succeeded;
        if (unfinished || head == pullRequest.HeadSha)
        {
            await git.TryRunAsync(path, ["merge", "--abort"], cancellationToken: cancellationToken);
            await ReviewLoop.HandOffAsync(session, pullRequest, $"conflict round {round} made no commit that resolves the {landing.Summary}", cancellationToken);
            return false;
        }

        CrashPoint.Reach(CrashPoint.ConflictCommitted);
        await session.Journal.SetAsync($"push:conflict-round:{round}", () => SquadRunner.PushAsync(session, cancellationToken), cancellationToken);
        await session.CompleteStepAsync(SquadStep.Fix, cancellationToken);
        return true;
    }

    /// <summary>
    /// What the Developer reads: the conflicted files and their hunks as git shows them (git reads a link as its target's
    /// name, never what it points to), or the failing guardrail's output. Untrusted: the briefing fences it.
    /// </summary>
    private static async Task<string> DescribeAsync(SquadSession session, QueueLanding landing, string path, CancellationToken cancellationToken)
    {
        var main = landing.BaseSha is { Length: >= 12 } sha ? sha[..12] : "main";
        if (landing.Kind != QueueLandingKind.TextualConflict)
        {
            return $"The merge result of this pull request with the base branch ({main}) fails its merge guardrails, while the head " +
                $"alone passes them: a change that landed on the base meanwhile and this one break each other.\n\n{landing.Detail}";
        }

        var files = (await session.Services.Git.RunAsync(path, ["diff", "--name-only", "--diff-filter=U", "-z"], cancellationToken: cancellationToken))
            .Split('\0', StringSplitOptions.RemoveEmptyEntries);
        var hunks = await session.Services.Git.RunAsync(path, ["diff", "--no-ext-diff", "--no-textconv", "--", .. files], cancellationToken: cancellationToken);
        return $"Merging the base branch ({main}) into this branch conflicts in: {string.Join(", ", files)}. The files hold git's " +
            $"conflict markers; the conflicting hunks:\n\n```diff\n{CommandRunner.Truncate(hunks, MaxConflictCharacters).TrimEnd()}\n```";
    }
}
