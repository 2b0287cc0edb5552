namespace Squad.Benchmark;

/// <summary>Figure 1: the squads' set-up against a raw <c>git worktree add</c> of the same repository.</summary>
internal sealed record SetUpFigures
{
    /// <summary>The sum of the three parts below, per squad of the one-issue runs.</summary>
    public required Stat SquadMs { get; init; }

    public required Stat BeforeQaMs { get; init; }

    public required Stat BeforeDeveloperMs { get; init; }

    public required Stat BeforeReviewersMs { get; init; }

    public required Stat RawWorktreeAddMs { get; init; }

    /// <summary>Each squad's set-up over the median raw <c>git worktree add</c>.</summary>
    public required Stat Ratio { get; init; }

    /// <summary>Where the squads' trees went: in memory (a tmpfs) or on disk, and why.</summary>
    public required string TreesWhere { get; init; }

    /// <summary>A raw <c>git worktree add</c> into the memory folder the squads' trees used; null when they were on disk.</summary>
    public Stat? RawWorktreeAddInMemoryMs { get; init; }

    /// <summary>Each squad's set-up over the median raw <c>git worktree add</c> in memory: the same file system on both sides.</summary>
    public Stat? RatioInMemory { get; init; }
}
