namespace Squad.GitHub.Wire;

/// <summary>A git commit (<c>GET /repos/{o}/{r}/git/commits/{sha}</c>): its tree and parents.</summary>
internal sealed record GitHubGitCommitDto
{
    public required string Sha { get; init; }

    public required GitHubShaDto Tree { get; init; }

    public List<GitHubShaDto> Parents { get; init; } = [];
}
