namespace Squad.GitHub.Wire;

internal sealed record GitHubReviewDto
{
    public required long Id { get; init; }

    public GitHubUserDto? User { get; init; }

    public string? Body { get; init; }

    public required string State { get; init; }

    public string? CommitId { get; init; }

    public DateTimeOffset? SubmittedAt { get; init; }
}
