namespace Squad.Cli;

internal sealed record ReviewDto
{
    public required string Author { get; init; }

    public required string Verdict { get; init; }

    public required string CommitSha { get; init; }

    public required DateTimeOffset SubmittedAt { get; init; }
}
