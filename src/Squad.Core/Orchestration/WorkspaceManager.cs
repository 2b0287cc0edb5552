using System.Collections.Concurrent;
using Squad.Core.Configuration;
using Squad.Core.Forge;
using Squad.Core.Git;

namespace Squad.Core.Orchestration;

/// <summary>
/// One bare clone per target repository under the data directory, and one work tree per squad
/// (and per reviewer pass) made from it. Work trees are removed after merge or failure; git
/// operations on a clone are serialized because worktree and ref updates share its locks.
/// </summary>
public sealed class WorkspaceManager(GitCli git, string clonesDirectory, string worktreesDirectory, IReadOnlyDictionary<string, string>? gitEnvironment = null)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> locks = new(StringComparer.Ordinal);

    /// <summary>
    /// The squad's work tree on <paramref name="branch"/>. <paramref name="prepare"/> (the repository's setup: restoring
    /// dependencies, with the network) runs first on the base branch's content, before the tree moves to what the squad's
    /// agents already pushed: setup never runs on agent-written content.
    /// </summary>
    public async Task<Workspace> CreateAsync(RepositoryInfo repository, string branch, string name, Func<string, Task>? prepare = null, CancellationToken cancellationToken = default)
    {
        var clone = await EnsureCloneAsync(repository, cancellationToken);
        var path = Path.Combine(worktreesDirectory, Sanitize(repository.Name), Sanitize(name));
        var baseRef = $"refs/remotes/origin/{repository.DefaultBranch}";
        string? remote = null;
        await WithLockAsync(clone, async () =>
        {
            await RemoveStaleAsync(clone, path, cancellationToken);
            remote = await git.TryRevParseAsync(clone, $"refs/remotes/origin/{branch}", cancellationToken);
            await git.RunAsync(clone, ["worktree", "add", "-q", "-B", branch, path, prepare is null ? remote ?? baseRef : baseRef], cancellationToken: cancellationToken);
        });
        if (prepare is not null)
        {
            await prepare(path);
            if (remote is not null)
            {
                await WithLockAsync(clone, () => git.RunAsync(path, ["reset", "-q", "--hard", remote], cancellationToken: cancellationToken));
            }
        }

        return new Workspace { Path = path, Branch = branch, ClonePath = clone };
    }

    /// <summary>
    /// A throwaway copy of <paramref name="head"/> with no git metadata at all, for commands whose output must not change
    /// what anyone reads: a reviewer's commands, the merge gate's checks. <paramref name="prepare"/> (setup) runs on the
    /// content of <paramref name="baseRevision"/> first; then the copy becomes <paramref name="head"/>.
    /// </summary>
    public async Task<Workspace> CreateCopyAsync(RepositoryInfo repository, string baseRevision, string head, string name, Func<string, Task>? prepare = null, CancellationToken cancellationToken = default)
    {
        var clone = await EnsureCloneAsync(repository, cancellationToken);
        var path = Path.Combine(worktreesDirectory, Sanitize(repository.Name), Sanitize(name));
        var index = path + ".index";
        DeleteTree(path);
        Directory.CreateDirectory(path);
        try
        {
            await CheckoutIntoAsync(clone, index, path, baseRevision, cancellationToken);
            if (prepare is not null)
            {
                await prepare(path);
            }

            var removed = await git.RunAsync(clone, ["diff", "--no-ext-diff", "--name-only", "-z", "--no-renames", "--diff-filter=D", baseRevision, head], cancellationToken: cancellationToken);
            foreach (var file in removed.Split('\0', StringSplitOptions.RemoveEmptyEntries))
            {
                var full = Path.GetFullPath(Path.Combine(path, file));
                if (full.StartsWith(path + Path.DirectorySeparatorChar, StringComparison.Ordinal) && (File.Exists(full) || new FileInfo(full).LinkTarget is not null))
                {
                    File.Delete(full);
                }
            }

            await CheckoutIntoAsync(clone, index, path, head, cancellationToken);
        }
        catch
        {
            DeleteTree(path);
            throw;
        }
        finally
        {
            File.Delete(index);
        }

        return new Workspace { Path = path, ClonePath = clone, IsCopy = true };
    }

    /// <summary>Writes the files of <paramref name="revision"/> into <paramref name="path"/> through a private index: no work tree of git's, no hooks.</summary>
    private async Task CheckoutIntoAsync(string clone, string index, string path, string revision, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string> { ["GIT_INDEX_FILE"] = index, ["GIT_DIR"] = clone, ["GIT_WORK_TREE"] = path };
        await git.RunAsync(path, ["read-tree", revision], extraEnvironment: environment, cancellationToken: cancellationToken);
        await git.RunAsync(path, ["checkout-index", "-a", "-f"], extraEnvironment: environment, cancellationToken: cancellationToken);
    }

    private static void DeleteTree(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    /// <summary>A detached checkout of <paramref name="sha"/>, for a reviewer: nothing it does there can reach the branch.</summary>
    public async Task<Workspace> CreateDetachedAsync(RepositoryInfo repository, string sha, string name, CancellationToken cancellationToken = default)
    {
        var clone = await EnsureCloneAsync(repository, cancellationToken);
        var path = Path.Combine(worktreesDirectory, Sanitize(repository.Name), Sanitize(name));
        await WithLockAsync(clone, async () =>
        {
            await RemoveStaleAsync(clone, path, cancellationToken);
            await git.RunAsync(clone, ["worktree", "add", "-q", "--detach", path, sha], cancellationToken: cancellationToken);
        });
        return new Workspace { Path = path, ClonePath = clone };
    }

    /// <summary>Removes the work tree and its local branch; the branch at the code host stays.</summary>
    public async Task RemoveAsync(Workspace workspace, CancellationToken cancellationToken = default)
    {
        if (workspace.IsCopy)
        {
            DeleteTree(workspace.Path);
            return;
        }

        await WithLockAsync(workspace.ClonePath, async () =>
        {
            await RemoveStaleAsync(workspace.ClonePath, workspace.Path, cancellationToken);
            if (workspace.Branch is not null)
            {
                await git.TryRunAsync(workspace.ClonePath, ["branch", "-q", "-D", workspace.Branch], cancellationToken: cancellationToken);
            }
        });
    }

    /// <summary>
    /// The repository's <c>.squad.yml</c> as the base branch has it, read from the clone: a branch's own copy never governs
    /// its commands, its guardrails or its merge, on the first run or any resume.
    /// </summary>
    public async Task<RepositoryConfig> LoadBaseConfigAsync(RepositoryInfo repository, CancellationToken cancellationToken = default)
    {
        var clone = await EnsureCloneAsync(repository, cancellationToken);
        var spec = $"refs/remotes/origin/{repository.DefaultBranch}:{RepositoryConfig.FileName}";
        var exists = await git.TryRunAsync(clone, ["cat-file", "-e", spec], cancellationToken: cancellationToken);
        if (!exists.Succeeded)
        {
            return new RepositoryConfig();
        }

        var yaml = await git.RunAsync(clone, ["cat-file", "blob", spec], cancellationToken: cancellationToken);
        return RepositoryConfigLoader.Parse(yaml, $"{RepositoryConfig.FileName} of {repository.Name}@{repository.DefaultBranch}");
    }

    /// <summary>Fetches the code host's branches into the clone; makes the clone on first use.</summary>
    public async Task<string> EnsureCloneAsync(RepositoryInfo repository, CancellationToken cancellationToken = default)
    {
        var clone = Path.Combine(clonesDirectory, Sanitize(repository.Name) + ".git");
        await WithLockAsync(clone, async () =>
        {
            if (!Directory.Exists(clone))
            {
                Directory.CreateDirectory(clone);
                await git.RunAsync(clone, ["init", "-q", "--bare"], cancellationToken: cancellationToken);
                await git.RunAsync(clone, ["remote", "add", "origin", repository.FetchUrl], cancellationToken: cancellationToken);
            }

            // Nothing but Squad writes the clone; should anything have, its config runs nothing and fetches from the right place.
            await GitConfigScrubber.ScrubAsync(git, clone, cancellationToken);
            await git.RunAsync(clone, ["config", "--local", "remote.origin.url", repository.FetchUrl], cancellationToken: cancellationToken);

            await git.RunAsync(clone, ["fetch", "-q", "--prune", "origin"], extraEnvironment: gitEnvironment, cancellationToken: cancellationToken);
        });
        return clone;
    }

    private async Task RemoveStaleAsync(string clone, string path, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path))
        {
            await git.TryRunAsync(clone, ["worktree", "remove", "--force", path], cancellationToken: cancellationToken);
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }

        await git.TryRunAsync(clone, ["worktree", "prune"], cancellationToken: cancellationToken);
    }

    private async Task WithLockAsync(string clone, Func<Task> action)
    {
        var gate = locks.GetOrAdd(clone, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync();
        try
        {
            await action();
        }
        finally
        {
            gate.Release();
        }
    }

    private static string Sanitize(string name)
        => string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-'));
}
