using Squad.Core.Git;

namespace Squad.Core.Orchestration;

/// <summary>
/// Brings a clone that a killed Squad process left behind back to a state git works in: lock files removed, work tree
/// registrations that are locked or half-made forgotten, local branches no work tree holds deleted. Only safe while no
/// git command of Squad's runs on the clone: callers hold the clone's lock, and one Squad process holds the data directory.
/// </summary>
internal sealed class CloneRepair(GitCli git)
{
    private static readonly string[] TopLevelLocks = ["packed-refs.lock", "index.lock", "HEAD.lock", "config.lock", "shallow.lock", "FETCH_HEAD.lock"];
    private static readonly string[] WorktreeLocks = ["index.lock", "HEAD.lock"];
    private static readonly EnumerationOptions Recursive = new() { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint };

    /// <summary>What to do once per clone before a process's first git command on it: every lock is stale then.</summary>
    public async Task RecoverAsync(string clone, CancellationToken cancellationToken)
    {
        RemoveStaleLocks(clone);
        await PruneAsync(clone, cancellationToken);
    }

    /// <summary>Deletes the lock files git leaves when killed mid-update; a later fetch or ref update would refuse to run.</summary>
    public static void RemoveStaleLocks(string clone)
    {
        foreach (var name in TopLevelLocks)
        {
            File.Delete(Path.Combine(clone, name));
        }

        var refs = Path.Combine(clone, "refs");
        if (Directory.Exists(refs))
        {
            foreach (var file in Directory.EnumerateFiles(refs, "*.lock", Recursive))
            {
                File.Delete(file);
            }
        }

        foreach (var entry in AdminEntries(clone))
        {
            foreach (var name in WorktreeLocks)
            {
                File.Delete(Path.Combine(entry, name));
            }
        }
    }

    /// <summary>Forgets broken work tree registrations and those whose folder is gone, then deletes branches no work tree holds.</summary>
    public async Task PruneAsync(string clone, CancellationToken cancellationToken)
    {
        await ForgetBrokenAsync(clone, cancellationToken);
        await DeleteLooseBranchesAsync(clone, cancellationToken);
    }

    /// <summary>
    /// Deletes the registration of every work tree that is locked (Squad never locks one: <c>worktree add</c> was killed
    /// while it was "initializing"), lacks its HEAD, or whose folder's <c>.git</c> does not point back at it; then lets git
    /// prune the ones whose folder is gone. The folders themselves are left to their owner.
    /// </summary>
    public async Task ForgetBrokenAsync(string clone, CancellationToken cancellationToken)
    {
        foreach (var entry in AdminEntries(clone).Where(IsBroken))
        {
            Directory.Delete(entry, recursive: true);
        }

        await git.TryRunAsync(clone, ["worktree", "prune"], extraEnvironment: CloneBuilder.GitDirectory(clone), cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Local branches exist only while a work tree has them checked out (they are made with <c>-B</c> from the code host's
    /// branch, which is the one that counts); one that outlived its work tree is deleted.
    /// </summary>
    public async Task DeleteLooseBranchesAsync(string clone, CancellationToken cancellationToken)
    {
        var environment = CloneBuilder.GitDirectory(clone);
        var worktrees = await git.TryRunAsync(clone, ["worktree", "list", "--porcelain"], extraEnvironment: environment, cancellationToken: cancellationToken);
        var branches = await git.TryRunAsync(clone, ["for-each-ref", "--format=%(refname)", "refs/heads/"], extraEnvironment: environment, cancellationToken: cancellationToken);
        if (!worktrees.Succeeded || !branches.Succeeded)
        {
            return;
        }

        var held = worktrees.StandardOutput.Split('\n')
            .Where(line => line.StartsWith("branch ", StringComparison.Ordinal))
            .Select(line => line["branch ".Length..].Trim())
            .ToHashSet(StringComparer.Ordinal);
        var loose = branches.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(reference => !held.Contains(reference))
            .Select(reference => reference["refs/heads/".Length..])
            .ToList();
        if (loose.Count > 0)
        {
            // git itself still refuses to delete a branch some work tree has checked out.
            await git.TryRunAsync(clone, ["branch", "-q", "-D", "--", .. loose], extraEnvironment: environment, cancellationToken: cancellationToken);
        }
    }

    /// <summary>
    /// Whether a registration of the clone may name one of <paramref name="paths"/>: its <c>gitdir</c> file points at a
    /// folder of the same name (or cannot be read). Only then must broken registrations be forgotten before a work tree is
    /// added there: git refuses to add a work tree at a path still registered. Compared by folder name, since git writes
    /// real paths: a registration of another squad's tree of the same name costs one needless repair, never a failure.
    /// </summary>
    public static bool MayRegister(string clone, IEnumerable<string> paths)
    {
        var names = paths.Select(path => Path.GetFileName(path.TrimEnd('/'))).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in AdminEntries(clone))
        {
            try
            {
                var gitdir = Path.Combine(entry, "gitdir");
                if (File.Exists(gitdir) && names.Contains(Path.GetFileName(Path.GetDirectoryName(File.ReadAllText(gitdir).Trim().TrimEnd('/'))) ?? ""))
                {
                    return true;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return true;
            }
        }

        return false;
    }

    private static string[] AdminEntries(string clone)
    {
        var admin = Path.Combine(clone, "worktrees");
        return Directory.Exists(admin) ? Directory.GetDirectories(admin) : [];
    }

    private static bool IsBroken(string entry)
    {
        var gitdir = Path.Combine(entry, "gitdir");
        if (File.Exists(Path.Combine(entry, "locked")) || !File.Exists(Path.Combine(entry, "HEAD")) || !File.Exists(gitdir))
        {
            return true;
        }

        var link = File.ReadAllText(gitdir).Trim();
        if (!File.Exists(link))
        {
            // Its folder is gone: git's prune forgets it.
            return false;
        }

        // git writes real paths, which may differ from ours by a symbolic link: the entry's own name and folder must match.
        var back = File.ReadAllText(link).Trim();
        return !back.StartsWith("gitdir: ", StringComparison.Ordinal)
            || Path.GetFileName(back.TrimEnd('/')) != Path.GetFileName(entry)
            || Path.GetFileName(Path.GetDirectoryName(back.TrimEnd('/'))) != "worktrees";
    }
}
