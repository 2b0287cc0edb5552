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

    public string? MergeCommit { get; init; }

    public PullRequestDto? PullRequest { get; init; }

    /// <summary>The model calls this run made for the issue.</summary>
    public required UsageDto Usage { get; init; }
}
