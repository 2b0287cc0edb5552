namespace Squad.GitHub.Wire;

/// <summary>A git reference (<c>GET /repos/{o}/{r}/git/ref/heads/{branch}</c>): its name and the commit it points at.</summary>
internal sealed record GitHubRefDto
{
    public required string Ref { get; init; }

    public required GitHubShaDto Object { get; init; }
}
