namespace Squad.GitHub.Wire;

internal sealed record GitHubStatusDto
{
    public required string Context { get; init; }

    public required string State { get; init; }

    public string? Description { get; init; }
}
