namespace Squad.GitHub.Wire;

internal sealed record GitHubCommentDto
{
    public required long Id { get; init; }

    public GitHubUserDto? User { get; init; }

    public string? Body { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}
