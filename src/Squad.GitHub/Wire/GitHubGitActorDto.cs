namespace Squad.GitHub.Wire;

internal sealed record GitHubGitActorDto
{
    public string? Name { get; init; }

    public string? Email { get; init; }
}
