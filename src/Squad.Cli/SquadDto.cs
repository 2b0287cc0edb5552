namespace Squad.Cli;

internal sealed record SquadDto
{
    public required string Issue { get; init; }

    public required string Title { get; init; }

    public required string Outcome { get; init; }

    public string? Reason { get; init; }

    public required string Step { get; init; }

    public string? Branch { get; init; }

    public required int ReviewRounds { get; init; }

    /// <summary>Conflict rounds: times the merge queue sent the pull request back for a conflict with main.</summary>
    public int ConflictRounds { get; init; }

    /// <summary>Seconds the approved pull request waited in the merge queue for others to land.</summary>
    public double QueueWaitSeconds { get; init; }

    public string? MergeCommit { get; init; }

    public PullRequestDto? PullRequest { get; init; }

    /// <summary>A bug fix's diagnosis (Markdown: hypothesis, fix plan, reproduction, scenario), when it had one.</summary>
    public string? Diagnosis { get; init; }

    /// <summary>A bug fix: what the tests did on the regression test before the fix.</summary>
    public string? RegressionCheck { get; init; }

    /// <summary>Post-merge verification of the merge: passed, or the command that failed and its exit code.</summary>
    public string? Verification { get; init; }

    /// <summary>The pull request that reverted the merge, when it was reverted (or its revert waits for a person).</summary>
    public int? RevertPullRequest { get; init; }

    /// <summary>The model calls this run made for the issue.</summary>
    public required UsageDto Usage { get; init; }
}
