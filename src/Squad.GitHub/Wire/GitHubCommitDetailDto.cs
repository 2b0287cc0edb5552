namespace Squad.GitHub.Wire;

internal sealed record GitHubCommitDetailDto
{
    public required string Message { get; init; }

    public GitHubGitActorDto? Author { get; init; }
}
