using Squad.Core.Forge;

namespace Squad.Core.Orchestration;

/// <summary>
/// Brings the squad's work tree up to its pull request's head on the code host before an agent commits on it. The head
/// can hold a commit the work tree never saw: under strict required checks GitHub's <c>update-branch</c> merges the base
/// into the branch. A push must fast-forward the branch and is never forced, so the work tree first fast-forwards to the
/// head (or, holding commits of its own, merges it); a merge that conflicts is a value for the caller to hand off.
/// </summary>
internal static class BranchCatchUp
{
    /// <returns>Null when the work tree contains the head (now); otherwise why it cannot.</returns>
    public static async Task<string?> RunAsync(SquadSession session, PullRequest pullRequest, CancellationToken cancellationToken)
    {
        var services = session.Services;
        var git = services.Git;
        var path = session.Workspace!.Path;
        if (await IsAncestorAsync(session, pullRequest.HeadSha, "HEAD", cancellationToken))
        {
            return null;
        }

        var workspaces = new WorkspaceManager(git, services.Options.ClonesDirectory, services.Options.WorktreesDirectory, services.CodeHost.GitEnvironment, memory: services.Options.MemoryWorktrees);
        await workspaces.EnsureCloneAsync(session.Repository, cancellationToken);
        var head = pullRequest.HeadSha[..Math.Min(12, pullRequest.HeadSha.Length)];
        var fastForward = await IsAncestorAsync(session, "HEAD", pullRequest.HeadSha, cancellationToken);
        var merged = await git.TryRunAsync(path, fastForward ? ["merge", "-q", "--ff-only", pullRequest.HeadSha] : ["merge", "-q", "--no-edit", pullRequest.HeadSha],
            extraEnvironment: Git.GitCli.AuthorEnvironment(services.Orchestrator), cancellationToken: cancellationToken);
        if (!merged.Succeeded)
        {
            await git.TryRunAsync(path, ["merge", "--abort"], cancellationToken: cancellationToken);
            return $"the work tree could not take in {head}, the head of {pullRequest.HeadBranch} on the code host ({merged.StandardError.Trim().Split('\n', 2)[0]})";
        }

        await session.ReportAsync(Domain.SquadStep.Fix, $"{pullRequest.HeadBranch} moved on the code host: the work tree {(fastForward ? "fast-forwarded to" : "merged")} {head} first", cancellationToken);
        return null;
    }

    private static async Task<bool> IsAncestorAsync(SquadSession session, string ancestor, string descendant, CancellationToken cancellationToken)
        => (await session.Services.Git.TryRunAsync(session.Workspace!.Path, ["merge-base", "--is-ancestor", ancestor, descendant], cancellationToken: cancellationToken)).Succeeded;
}
