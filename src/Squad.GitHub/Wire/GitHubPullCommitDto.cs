namespace Squad.GitHub.Wire;

internal sealed record GitHubPullCommitDto
{
    public required string Sha { get; init; }

    public required GitHubCommitDetailDto Commit { get; init; }
}
