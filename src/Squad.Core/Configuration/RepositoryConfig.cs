namespace Squad.Core.Configuration;

/// <summary>
/// A target repository's own Squad configuration (<c>.squad.yml</c> at its root): the commands its
/// guardrails run, and what the merge gate protects.
/// </summary>
public sealed record RepositoryConfig
{
    public const string FileName = ".squad.yml";

    /// <summary>The default of <see cref="MaxDiffBytes"/>: 1 MiB.</summary>
    public const long DefaultMaxDiffBytes = 1024 * 1024;

    private readonly IReadOnlyList<string> protectedPaths = DefaultProtectedPaths;

    /// <summary>Named commands (format, lint, build, test), each a shell command line run at the repository root.</summary>
    public IReadOnlyDictionary<string, string> Commands { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Commands (names under <see cref="Commands"/>) run once per squad on the base branch's content, before any agent
    /// writes, with network: restoring packages, for example, so the guardrails after it can run offline.
    /// </summary>
    public IReadOnlyList<string> Setup { get; init; } = [];

    /// <summary>Commands run after each file write.</summary>
    public IReadOnlyList<string> AfterWrite { get; init; } = [];

    /// <summary>Commands run before each commit; a failure refuses the commit.</summary>
    public IReadOnlyList<string> BeforeCommit { get; init; } = [];

    /// <summary>Commands that must pass on the exact head before it merges.</summary>
    public IReadOnlyList<string> Merge { get; init; } = [];

    /// <summary>
    /// Whether the file declares <c>guardrails.merge</c>, even as <c>merge: []</c>. Without the declaration nothing
    /// says what a merge must pass, so the gate hands each pull request to a person; a repository that wants merges
    /// on reviews alone says so with <c>merge: []</c>. False when there is no <c>.squad.yml</c>.
    /// </summary>
    public bool MergeGuardrailsDeclared { get; init; }

    /// <summary>
    /// Commands run on the base branch's new commit after each merge Squad makes (post-merge verification); a failure
    /// reverts the merge. Null when the file does not declare <c>verify</c>: then the merge guardrails run.
    /// </summary>
    public IReadOnlyList<string>? Verify { get; init; }

    /// <summary>What post-merge verification runs: <see cref="Verify"/> when declared, else the merge guardrails.</summary>
    public IReadOnlyList<string> VerifyCommands => Verify ?? Merge;

    /// <summary>
    /// Glob patterns of paths a squad may not merge; a PR touching one goes to a person. Always holds
    /// <c>.squad.yml</c>, whatever is given: a squad must not change the guardrails that judge it.
    /// </summary>
    public IReadOnlyList<string> ProtectedPaths
    {
        get => protectedPaths;
        init => protectedPaths = value.Contains(FileName, StringComparer.Ordinal) ? value : [.. value, FileName];
    }

    /// <summary>The largest diff (added plus removed lines) the gate merges.</summary>
    public int MaxDiffLines { get; init; } = 1500;

    /// <summary>The largest total of changed bytes the gate merges; a binary file counts by its size.</summary>
    public long MaxDiffBytes { get; init; } = DefaultMaxDiffBytes;

    /// <summary>
    /// Whether write_file and edit_file refuse a write that breaks a file's syntax (<c>check_syntax: true</c>): C# and
    /// JSON parsed in process, Python in the sandbox, other C-like languages by bracket balance.
    /// </summary>
    public bool CheckSyntax { get; init; }

    /// <summary>
    /// <c>instructions:</c>, the repository's guidance for every agent (conventions, where things go), shown in each
    /// briefing after <c>AGENTS.md</c> or <c>CLAUDE.md</c>; read from the base branch only.
    /// </summary>
    public string? Instructions { get; init; }

    /// <summary>A time limit for each command.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromMinutes(10);

    public static IReadOnlyList<string> DefaultProtectedPaths { get; } =
        [".github/workflows/**", RepositoryConfig.FileName];
}
