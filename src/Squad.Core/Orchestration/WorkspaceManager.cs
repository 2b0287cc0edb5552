using System.Collections.Concurrent;
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

    public async Task<Workspace> CreateAsync(RepositoryInfo repository, string branch, string name, CancellationToken cancellationToken = default)
    {
        var clone = await EnsureCloneAsync(repository, cancellationToken);
        var path = Path.Combine(worktreesDirectory, Sanitize(repository.Name), Sanitize(name));
        await WithLockAsync(clone, async () =>
        {
            await RemoveStaleAsync(clone, path, cancellationToken);
            var remote = await git.TryRevParseAsync(clone, $"refs/remotes/origin/{branch}", cancellationToken);
            var start = remote ?? $"refs/remotes/origin/{repository.DefaultBranch}";
            await git.RunAsync(clone, ["worktree", "add", "-q", "-B", branch, path, start], cancellationToken: cancellationToken);
        });
        return new Workspace { Path = path, Branch = branch, ClonePath = clone };
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
        await WithLockAsync(workspace.ClonePath, async () =>
        {
            await RemoveStaleAsync(workspace.ClonePath, workspace.Path, cancellationToken);
            if (workspace.Branch is not null)
            {
                await git.TryRunAsync(workspace.ClonePath, ["branch", "-q", "-D", workspace.Branch], cancellationToken: cancellationToken);
            }
        });
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
