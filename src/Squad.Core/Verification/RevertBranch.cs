using Squad.Core.Git;
using Squad.Core.Orchestration;

namespace Squad.Core.Verification;

/// <summary>
/// Makes the revert commit in Squad's own clone (a work tree of main, Squad's git with no repository-controlled code)
/// and pushes it to <c>squad/revert-&lt;sha&gt;</c>. A branch already at the code host is the revert a killed run pushed:
/// it is kept, not made again. False when git cannot revert the merge cleanly.
/// </summary>
internal sealed class RevertBranch(WorkspaceManager workspaces)
{
    public static string NameFor(string mergeSha) => $"squad/revert-{mergeSha[..12]}";

    public async Task<bool> PushAsync(SquadSession session, string branch, string mergeSha, string title, CancellationToken cancellationToken)
    {
        var services = session.Services;
        var clone = await workspaces.EnsureCloneAsync(session.Repository, cancellationToken);
        if (await services.Git.TryRevParseAsync(clone, $"refs/remotes/origin/{branch}", cancellationToken) is not null)
        {
            return true;
        }

        var workspace = await workspaces.CreateAsync(session.Repository, branch, $"{session.Id}-revert", cancellationToken: cancellationToken);
        try
        {
            var parents = (await services.Git.RunAsync(workspace.Path, ["rev-list", "--parents", "-n", "1", mergeSha], cancellationToken: cancellationToken))
                .Split(' ', StringSplitOptions.RemoveEmptyEntries).Length - 1;
            List<string> revert = ["revert", "--no-commit"];
            if (parents > 1)
            {
                revert.AddRange(["-m", "1"]);
            }

            var reverted = await services.Git.TryRunAsync(workspace.Path, [.. revert, mergeSha], cancellationToken: cancellationToken);
            var changed = await services.Git.TryRunAsync(workspace.Path, ["diff", "--cached", "--quiet"], cancellationToken: cancellationToken);
            if (!reverted.Succeeded || changed.Succeeded)
            {
                // A conflict, or nothing left to undo (main no longer holds the change): not a revert Squad can make alone.
                return false;
            }

            var message = $"Revert \"{title}\"\n\nThis reverts commit {mergeSha}.\n\nSquad-Revert-Of: {mergeSha}\nSquad-Issue: {session.Id}";
            await services.Git.RunAsync(workspace.Path, ["commit", "-q", "--no-verify", "-m", message],
                extraEnvironment: GitCli.AuthorEnvironment(services.Orchestrator), cancellationToken: cancellationToken);
            await services.CodeHost.PushAsync(session.Repository.Name, workspace.Path, branch, cancellationToken);
            return true;
        }
        finally
        {
            await workspaces.RemoveAsync(workspace, CancellationToken.None);
        }
    }
}
