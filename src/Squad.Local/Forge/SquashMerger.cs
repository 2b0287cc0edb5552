using Squad.Core;
using Squad.Core.Forge;
using Squad.Core.Git;

namespace Squad.Local.Forge;

/// <summary>
/// A squash merge inside a bare repository, with no work tree: merge-tree computes the tree,
/// commit-tree makes the commit, and update-ref moves the base branch only if nobody else moved it
/// meanwhile. When somebody did (another squad merged first), the merge is redone on the new tip, unless the request
/// names the base its merge result was tested on (<see cref="MergeRequest.ExpectedBaseSha"/>, the merge queue): then it
/// answers <see cref="MergeStatus.BaseChanged"/> and the queue tests again.
/// Every squash commit ends with the trailer <c>Squad-Pull-Request: &lt;repository&gt;#&lt;number&gt;</c>, by which a merge
/// that moved the base but was never recorded (the process died in between) is found again.
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

            if (request.ExpectedBaseSha is { } expectedBase && !string.Equals(baseTip, expectedBase, StringComparison.OrdinalIgnoreCase))
            {
                return BaseChanged(pullRequest, baseTip, expectedBase);
            }

            var merged = await MergeTreeAsync(bare, baseTip, headSha, cancellationToken);
            if (merged.Conflicts is { } conflicts)
            {
                return MergeResult.Refused(MergeStatus.Conflict,
                    $"pull request #{pullRequest.Number} does not merge cleanly into {pullRequest.BaseBranch}: conflicts in {string.Join(", ", conflicts)}");
            }

            if (request.ExpectedTreeSha is { } expectedTree && !string.Equals(merged.Tree, expectedTree, StringComparison.OrdinalIgnoreCase))
            {
                return MergeResult.Refused(MergeStatus.NotMergeable,
                    $"the merge result of pull request #{pullRequest.Number} is tree {merged.Tree}, not the tested {expectedTree}; nothing untested lands");
            }

            var baseTree = await TreeOfAsync(bare, baseTip, cancellationToken);
            if (merged.Tree == baseTree)
            {
                // Nothing would change: the base already holds this work (perhaps from a merge that crashed before it was recorded).
                return MergeResult.Refused(MergeStatus.NotMergeable, $"{pullRequest.BaseBranch} already contains every change of pull request #{pullRequest.Number}");
            }

            var commit = await CommitAsync(bare, merged.Tree, baseTip, pullRequest, request, cancellationToken);
            NoteTree(commit, merged.Tree);
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
            if (request.ExpectedBaseSha is { } tested)
            {
                // The tested base is gone the moment another writer moved the branch: no retry on a base nobody tested.
                var now = await git.TryRevParseAsync(bare, baseRef, cancellationToken) ?? "nothing";
                if (!string.Equals(now, tested, StringComparison.OrdinalIgnoreCase))
                {
                    return BaseChanged(pullRequest, now, tested);
                }
            }
        }

        throw new SquadException(SquadErrorCode.Git,
            $"could not move {pullRequest.BaseBranch} in '{pullRequest.Repository}' after {MaxAttempts} attempts (it kept changing or stayed locked): {lastFailure}");
    }

    /// <summary>
    /// The squash commit of <paramref name="pullRequest"/> on its base branch, if it is there: the commits since the base
    /// the pull request was opened on whose message holds its trailer line, exactly.
    /// </summary>
    public async Task<string?> FindMergedAsync(string bare, PullRequestRow pullRequest, CancellationToken cancellationToken)
    {
        var trailer = Trailer(pullRequest);
        var result = await git.TryRunAsync(bare,
            ["log", "-z", "--max-count=50", "--fixed-strings", "--grep=" + trailer, "--format=%H%n%B",
                ForgeRepositories.BranchRef(pullRequest.BaseBranch), "^" + pullRequest.BaseSha, "--"],
            cancellationToken: cancellationToken);
        if (!result.Succeeded)
        {
            return null;
        }

        // --grep matches substrings (#1 inside #12): keep a commit only when a whole line is the trailer.
        return result.StandardOutput.Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry.Split('\n'))
            .FirstOrDefault(lines => lines.Skip(1).Any(line => line.TrimEnd() == trailer))?[0].Trim();
    }

    /// <summary>
    /// The trees of commits this merger made or read, by commit id: a commit's tree never changes, and the next merge's
    /// base is usually the squash just made, whose tree is the merge result it was made of (the queue lands one after
    /// another on the commit before).
    /// </summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> treesOfCommits = new(StringComparer.Ordinal);

    private async Task<string> TreeOfAsync(string bare, string commit, CancellationToken cancellationToken)
    {
        if (treesOfCommits.TryGetValue(commit, out var known))
        {
            return known;
        }

        var tree = (await git.RunAsync(bare, ["rev-parse", commit + "^{tree}"], cancellationToken: cancellationToken)).Trim();
        NoteTree(commit, tree);
        return tree;
    }

    private void NoteTree(string commit, string tree)
    {
        if (treesOfCommits.Count >= 1_000)
        {
            treesOfCommits.Clear();
        }

        treesOfCommits[commit] = tree;
    }

    private static MergeResult BaseChanged(PullRequestRow pullRequest, string actual, string expected)
        => MergeResult.Refused(MergeStatus.BaseChanged,
            $"{pullRequest.BaseBranch} is {actual}, not {expected}, the base pull request #{pullRequest.Number}'s merge result was tested on; test it again on the new base");

    private static string Trailer(PullRequestRow pullRequest) => $"Squad-Pull-Request: {pullRequest.Repository}#{pullRequest.Number}";

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

    private async Task<string> CommitAsync(string bare, string tree, string parent, PullRequestRow pullRequest, MergeRequest request, CancellationToken cancellationToken)
    {
        // The trailer joins the message's last paragraph, so git reads it with the other trailers (Reviewed-by, Squad-Issue).
        var message = string.IsNullOrWhiteSpace(request.CommitMessage)
            ? request.CommitTitle + "\n\n" + Trailer(pullRequest) + "\n"
            : request.CommitTitle + "\n\n" + request.CommitMessage.TrimEnd() + "\n" + Trailer(pullRequest) + "\n";
        var environment = CommitEnvironment.For(request.Merger, timeProvider.GetUtcNow());
        var output = await git.RunAsync(bare, ["commit-tree", tree, "-p", parent, "-F", "-"], message, environment, cancellationToken);
        return output.Trim();
    }
}
