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

    /// <summary>
    /// Merge results already built, by clone and the two commits' ids: a merge of two commits is the same tree for ever, and
    /// the tree stays in the clone's objects. Every candidate waiting in the queue builds the same predicted main as the
    /// one ahead of it and one step more, so the steps they share are built once.
    /// </summary>
    private static readonly KeptAnswers<MergeTree> Built = new(256);

    public static Task<MergeTree> BuildAsync(GitCli git, string clone, string baseSha, string head, CancellationToken cancellationToken)
        => GitCli.IsObjectId(baseSha) && GitCli.IsObjectId(head)
            ? Built.GetAsync($"{clone}\0{baseSha}\0{head}", () => RunAsync(git, clone, baseSha, head, CancellationToken.None), cancellationToken: cancellationToken)
            : RunAsync(git, clone, baseSha, head, cancellationToken);

    private static async Task<MergeTree> RunAsync(GitCli git, string clone, string baseSha, string head, CancellationToken cancellationToken)
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
