using System.Collections.Concurrent;
using Squad.Core.Git;

namespace Squad.Core.Orchestration;

/// <summary>
/// The repository maps of base commits, rendered once per commit and shared by every squad and role of the process
/// (<see cref="CodeMap.RenderCommitAsync"/>). A commit's tree never changes, so a map never goes stale; the few most
/// recent are kept.
/// </summary>
public sealed class CodeMaps
{
    private const int Kept = 8;

    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> maps = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> order = new();

    /// <summary>Renders in <paramref name="repository"/> (any clone or work tree holding the commit).</summary>
    public async Task<string> OfAsync(GitCli git, string repository, string commit, CancellationToken cancellationToken = default)
    {
        var added = false;
        var lazy = maps.GetOrAdd(commit, _ =>
        {
            added = true;
            return new Lazy<Task<string>>(() => CodeMap.RenderCommitAsync(git, repository, commit, cancellationToken: CancellationToken.None));
        });
        if (added)
        {
            order.Enqueue(commit);
            while (order.Count > Kept && order.TryDequeue(out var old))
            {
                maps.TryRemove(old, out _);
            }
        }

        try
        {
            return await lazy.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A failed render is not kept: the next pass tries again.
            maps.TryRemove(new KeyValuePair<string, Lazy<Task<string>>>(commit, lazy));
            throw;
        }
    }
}
