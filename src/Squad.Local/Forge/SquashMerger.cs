using Squad.Core;
using Squad.Core.Forge;
using Squad.Core.Git;

namespace Squad.Local.Forge;

/// <summary>
/// A squash merge inside a bare repository, with no work tree: merge-tree computes the tree,
/// commit-tree makes the commit, and update-ref moves the base branch only if nobody else moved it
/// meanwhile. When somebody did (another squad merged first), the merge is redone on the new tip.
/// </summary>
internal sealed class SquashMerger(GitCli git, TimeProvider timeProvider)
{
    private const int MaxAttempts = 10;

    public async Task<MergeResult> MergeAsync(string bare, PullRequestRow pullRequest, string headSha, MergeRequest request, CancellationToken cancellationToken)
    {
        var baseRef = ForgeRepositories.BranchRef(pullRequest.BaseBranch);
        string? lastFailure = null;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var baseTip = await git.TryRevParseAsync(bare, baseRef, cancellationToken);
            if (baseTip is null)
            {
                return MergeResult.Refused(MergeStatus.NotMergeable, $"the base branch {pullRequest.BaseBranch} of pull request #{pullRequest.Number} no longer exists");
            }

            var merged = await MergeTreeAsync(bare, baseTip, headSha, cancellationToken);
            if (merged.Conflicts is { } conflicts)
            {
                return MergeResult.Refused(MergeStatus.Conflict,
                    $"pull request #{pullRequest.Number} does not merge cleanly into {pullRequest.BaseBranch}: conflicts in {string.Join(", ", conflicts)}");
            }

            var baseTree = (await git.RunAsync(bare, ["rev-parse", baseTip + "^{tree}"], cancellationToken: cancellationToken)).Trim();
            if (merged.Tree == baseTree)
            {
                // Nothing would change: the base already holds this work (perhaps from a merge that crashed before it was recorded).
                return MergeResult.Refused(MergeStatus.NotMergeable, $"{pullRequest.BaseBranch} already contains every change of pull request #{pullRequest.Number}");
            }

            var commit = await CommitAsync(bare, merged.Tree, baseTip, request, cancellationToken);
            // Compare-and-swap: the ref moves only if it still points at the tip we merged onto.
            // The lock timeout makes git wait briefly for a concurrent writer instead of failing at once.
            var swap = await git.TryRunAsync(bare,
                ["-c", "core.filesRefLockTimeout=2000", "update-ref", "-m", $"squash merge of pull request #{pullRequest.Number}", baseRef, commit, baseTip],
                cancellationToken: cancellationToken);
            if (swap.Succeeded)
            {
                return MergeResult.Merged(commit);
            }

            lastFailure = swap.StandardError.Trim();
        }

        throw new SquadException(SquadErrorCode.Git,
            $"could not move {pullRequest.BaseBranch} in '{pullRequest.Repository}' after {MaxAttempts} attempts (it kept changing or stayed locked): {lastFailure}");
    }

    private async Task<(string Tree, IReadOnlyList<string>? Conflicts)> MergeTreeAsync(string bare, string baseTip, string headSha, CancellationToken cancellationToken)
    {
        var result = await git.TryRunAsync(bare, ["merge-tree", "--write-tree", "--name-only", "--no-messages", "-z", baseTip, headSha], cancellationToken: cancellationToken);
        // merge-tree answers 0 for a clean merge, 1 for conflicts, anything else for a failure.
        if (result.ExitCode is not (0 or 1) || result.TimedOut)
        {
            throw new SquadException(SquadErrorCode.Git, $"git merge-tree failed in {bare}: {result.StandardError.Trim().Split('\n', 2)[0]}");
        }

        var parts = result.StandardOutput.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        var tree = parts[0].Trim();
        return result.ExitCode == 0 ? (tree, null) : (tree, parts.Skip(1).Distinct(StringComparer.Ordinal).ToList());
    }

    private async Task<string> CommitAsync(string bare, string tree, string parent, MergeRequest request, CancellationToken cancellationToken)
    {
        var message = string.IsNullOrWhiteSpace(request.CommitMessage)
            ? request.CommitTitle + "\n"
            : request.CommitTitle + "\n\n" + request.CommitMessage.TrimEnd() + "\n";
        var environment = CommitEnvironment.For(request.Merger, timeProvider.GetUtcNow());
        var output = await git.RunAsync(bare, ["commit-tree", tree, "-p", parent, "-F", "-"], message, environment, cancellationToken);
        return output.Trim();
    }
}
