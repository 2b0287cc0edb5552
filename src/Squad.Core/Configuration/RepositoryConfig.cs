namespace Squad.Core.Configuration;

/// <summary>
/// A target repository's own Squad configuration (<c>.squad.yml</c> at its root): the commands its
/// guardrails run, and what the merge gate protects.
/// </summary>
public sealed record RepositoryConfig
{
    public const string FileName = ".squad.yml";

    /// <summary>Named commands (format, lint, build, test), each a shell command line run at the repository root.</summary>
    public IReadOnlyDictionary<string, string> Commands { get; init; } = new Dictionary<string, string>();

    /// <summary>Commands run once per squad, with the network, on the base branch's content before any agent writes (restoring dependencies).</summary>
    public IReadOnlyList<string> Setup { get; init; } = [];

    /// <summary>Commands run after each file write.</summary>
    public IReadOnlyList<string> AfterWrite { get; init; } = [];

    /// <summary>Commands run before each commit; a failure refuses the commit.</summary>
    public IReadOnlyList<string> BeforeCommit { get; init; } = [];

    /// <summary>Commands that must pass on the exact head before it merges.</summary>
    public IReadOnlyList<string> Merge { get; init; } = [];

    /// <summary>Glob patterns of paths a squad may not merge; a PR touching one goes to a person.</summary>
    public IReadOnlyList<string> ProtectedPaths { get; init; } = DefaultProtectedPaths;

    /// <summary>The largest diff (added plus removed lines) the gate merges.</summary>
    public int MaxDiffLines { get; init; } = 1500;

    /// <summary>The largest number of changed bytes the gate merges (binary files count by size).</summary>
    public long MaxDiffBytes { get; init; } = 1024 * 1024;

    /// <summary>
    /// Whether <c>guardrails.merge</c> is declared (even empty): without it the gate hands every PR to a person, since a
    /// repository that says nothing about what must pass before a merge has not agreed to merges on reviews alone.
    /// </summary>
    public bool MergeGuardrailsDeclared { get; init; }

    /// <summary>A time limit for each command.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromMinutes(10);

    public static IReadOnlyList<string> DefaultProtectedPaths { get; } =
        [".github/workflows/**", RepositoryConfig.FileName];
}
