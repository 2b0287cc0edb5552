namespace Squad.GitHub.Wire;

internal sealed record GitHubRepositoryDto
{
    public required string FullName { get; init; }

    public required string DefaultBranch { get; init; }

    public required string CloneUrl { get; init; }
}
