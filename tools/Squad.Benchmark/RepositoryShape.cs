namespace Squad.Benchmark;

/// <summary>
/// The synthetic target repository: modules of generated C# source, about the size of sympy
/// (2,000 files, 38 MB), the anchor the issue gives for <c>git worktree add</c>.
/// </summary>
internal sealed record RepositoryShape
{
    public int Modules { get; init; } = 40;

    public int FilesPerModule { get; init; } = 52;

    public int DocumentFiles { get; init; } = 120;

    public int MinFileBytes { get; init; } = 4_000;

    public int MaxFileBytes { get; init; } = 28_000;

    /// <summary>Fixed, so that every run of the benchmark generates the same repository.</summary>
    public int Seed { get; init; } = 20_251_122;

    /// <summary>The floor for the repository: at least this many files checked out.</summary>
    public int MinimumFiles { get; init; } = 2_000;

    /// <summary>The floor for the repository: at least this many bytes checked out.</summary>
    public long MinimumBytes { get; init; } = 30L * 1024 * 1024;
}
