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
    private const int Kept = 16;

    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> maps = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> order = new();

    /// <summary>Renders in <paramref name="repository"/> (any clone or work tree holding the commit).</summary>
    public async Task<string> OfAsync(GitCli git, string repository, string commit, CodeMapBudget budget, CancellationToken cancellationToken = default)
    {
        var added = false;
        var key = $"{commit}:{budget.Symbols}:{budget.Paths}";
        var lazy = maps.GetOrAdd(key, _ =>
        {
            added = true;
            return new Lazy<Task<string>>(() => CodeMap.RenderCommitAsync(git, repository, commit, budget.Symbols, budget.Paths, CancellationToken.None));
        });
        if (added)
        {
            order.Enqueue(key);
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
            maps.TryRemove(new KeyValuePair<string, Lazy<Task<string>>>(key, lazy));
            throw;
        }
    }
}

/// <summary>
/// How much of the briefing a repository map may take, in characters: with symbols, then paths alone. Writers get the
/// whole map (they must find where code goes); reviewers, who start from the diff and the branch's files, get a smaller
/// one (<see cref="Reviewer"/>) and search for the rest.
/// </summary>
public readonly record struct CodeMapBudget(int Symbols, int Paths)
{
    /// <summary>About 4,000 tokens.</summary>
    public static CodeMapBudget Writer { get; } = new(CodeMap.SymbolBudget, CodeMap.PathBudget);

    /// <summary>About 2,000 tokens.</summary>
    public static CodeMapBudget Reviewer { get; } = new(5_000, 3_000);
}
