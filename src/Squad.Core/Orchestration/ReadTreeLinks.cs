using Squad.Core.Git;

namespace Squad.Core.Orchestration;

/// <summary>
/// The reviewers' read tree filled with hard links to the squad's own work tree instead of a second checkout, when that work
/// tree holds exactly the commit under review: its HEAD is that commit and git finds no tracked file changed, staged or
/// replaced (a link or a folder swapped in is a change to git). Only tracked files are linked; what agents left untracked
/// or ignored (build outputs) is not in the read tree. Nothing writes either tree while the reviewers read: the writers'
/// passes are over and every command ran in the sandbox, whose processes all ended with it; the next fix round starts after
/// the read tree is gone. On Linux only; anywhere else, or when any check or link fails, the caller checks the tree out.
/// </summary>
internal static class ReadTreeLinks
{
    /// <summary>Links the tracked files of <paramref name="source"/> into the empty work tree <paramref name="target"/>; false when it cannot.</summary>
    public static async Task<bool> TryLinkAsync(GitCli git, string source, string target, string sha, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists(source))
        {
            return false;
        }

        var head = await git.TryRunAsync(source, ["rev-parse", "--verify", "-q", "HEAD"], cancellationToken: cancellationToken);
        var status = await git.TryRunAsync(source, ["status", "--porcelain=v1", "-z", "--untracked-files=no", "--ignore-submodules=none"], cancellationToken: cancellationToken);
        if (!head.Succeeded || head.StandardOutput.Trim() != sha || !status.Succeeded || status.StandardOutput.Length != 0)
        {
            return false;
        }

        var listing = await git.RunAsync(target, ["ls-tree", "-r", "-z", "--full-tree", "--name-only", "HEAD"], cancellationToken: cancellationToken);
        foreach (var file in listing.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var to = Path.GetFullPath(Path.Combine(target, file));
            var from = Path.GetFullPath(Path.Combine(source, file));
            if (!to.StartsWith(target + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                || !from.StartsWith(source + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                return false;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            if (Tools.NativeMethods.Link(from, to) != 0)
            {
                Unlink(target);
                return false;
            }
        }

        // The index as the commit has it, so git in the read tree (the briefing's log and diff) sees a work tree at HEAD.
        await git.RunAsync(target, ["read-tree", "HEAD"], cancellationToken: cancellationToken);
        return true;
    }

    /// <summary>Removes every link made so far (never through it: a link is removed, its file stays), leaving git's <c>.git</c> file.</summary>
    private static void Unlink(string target)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(target).Where(e => Path.GetFileName(e) != ".git"))
        {
            FileTree.Delete(entry);
        }
    }
}
