namespace Squad.GitHub.Wire;

/// <summary>A pull request, as both the list (pull-request-simple) and the single view return it.</summary>
internal sealed record GitHubPullDto
{
    public required int Number { get; init; }

    /// <summary>The GraphQL node ID, which GitHub's merge queue mutation takes.</summary>
    public string? NodeId { get; init; }

    public required string Title { get; init; }

    public string? Body { get; init; }

    public required string State { get; init; }

    public DateTimeOffset? MergedAt { get; init; }

    public string? MergeCommitSha { get; init; }

    /// <summary>Null while GitHub computes it; only the single view carries it.</summary>
    public bool? Mergeable { get; init; }

    public string? MergeableState { get; init; }

    public required string HtmlUrl { get; init; }

    public GitHubUserDto? User { get; init; }

    public required GitHubPullRefDto Head { get; init; }

    public required GitHubPullRefDto Base { get; init; }
}
