namespace Squad.Core.Forge;

/// <summary>A pull request as the code host reports it.</summary>
public sealed record PullRequest
{
    public required int Number { get; init; }

    public required string Title { get; init; }

    public required string Body { get; init; }

    public required string HeadBranch { get; init; }

    public required string BaseBranch { get; init; }

    public required string HeadSha { get; init; }

    public required PullRequestState State { get; init; }

    /// <summary>The login of the author (the Developer's identity).</summary>
    public required string Author { get; init; }

    public required string Url { get; init; }

    public string? MergeCommitSha { get; init; }
}
