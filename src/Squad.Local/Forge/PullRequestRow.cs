using Squad.Core.Forge;

namespace Squad.Local.Forge;

/// <summary>A pull request as the forge store keeps it; the head sha lives in git, not here.</summary>
internal sealed record PullRequestRow
{
    public required long Id { get; init; }

    public required string Repository { get; init; }

    public required int Number { get; init; }

    public required string Title { get; init; }

    public required string Body { get; init; }

    public required string HeadBranch { get; init; }

    public required string BaseBranch { get; init; }

    public required string AuthorLogin { get; init; }

    public required PullRequestState State { get; init; }

    /// <summary>The merge base of the base and head branches when the pull request was opened.</summary>
    public required string BaseSha { get; init; }

    public string? MergeCommitSha { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
}
