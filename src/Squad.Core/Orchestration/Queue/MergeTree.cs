using Squad.Core.Git;

namespace Squad.Core.Orchestration.Queue;

/// <summary>
/// The merge result of a head on a base, computed in Squad's bare clone with no work tree (<c>git merge-tree
/// --write-tree</c>): the tree that would land, or the files in conflict. The local forge computes its squash with the
/// same command on the same commits, so the tree tested here is the tree that lands (and the forge checks it).
/// </summary>
internal sealed record MergeTree(string Tree, IReadOnlyList<string> Conflicts)
{
    public bool IsClean => Conflicts.Count == 0;

    public static async Task<MergeTree> BuildAsync(GitCli git, string clone, string baseSha, string head, CancellationToken cancellationToken)
    {
        var result = await git.TryRunAsync(clone, ["merge-tree", "--write-tree", "--name-only", "--no-messages", "-z", baseSha, head], cancellationToken: cancellationToken);
        // merge-tree answers 0 for a clean merge, 1 for conflicts, anything else for a failure.
        if (result.ExitCode is not (0 or 1) || result.TimedOut)
        {
            throw new SquadException(SquadErrorCode.Git, $"git merge-tree failed in {clone}: {result.StandardError.Trim().Split('\n', 2)[0]}");
        }

        var parts = result.StandardOutput.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        var conflicts = result.ExitCode == 0 ? [] : parts.Skip(1).Select(p => p.Trim()).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new MergeTree(parts[0].Trim(), conflicts);
    }
}
