using Squad.Core.Git;

namespace Squad.Core.Orchestration;

/// <summary>
/// The repository maps of base commits, rendered once per commit and shared by every squad and role of the process
/// (<see cref="CodeMap.RenderCommitAsync"/>). A commit's tree never changes, so a map never goes stale; the few most
/// recent are kept.
/// </summary>
public sealed class CodeMaps
{
    private readonly KeptAnswers<string> maps = new(16);

    /// <summary>Renders in <paramref name="repository"/> (any clone or work tree holding the commit).</summary>
    public Task<string> OfAsync(GitCli git, string repository, string commit, CodeMapBudget budget, CancellationToken cancellationToken = default)
        => maps.GetAsync(
            $"{commit}:{budget.Symbols}:{budget.Paths}",
            () => CodeMap.RenderCommitAsync(git, repository, commit, budget.Symbols, budget.Paths, CancellationToken.None),
            cancellationToken: cancellationToken);
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
