namespace Squad.GitHub.Wire;

internal sealed record GitHubUserDto
{
    public required string Login { get; init; }
}
