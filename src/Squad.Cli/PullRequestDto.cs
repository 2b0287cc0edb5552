namespace Squad.Cli;

internal sealed record PullRequestDto
{
    public required int Number { get; init; }

    public required string Url { get; init; }

    public required string State { get; init; }

    public required string Author { get; init; }

    public required string HeadSha { get; init; }

    public required IReadOnlyList<CommitDto> Commits { get; init; }

    public required IReadOnlyList<ReviewDto> Reviews { get; init; }

    public required IReadOnlyList<CommentDto> Comments { get; init; }
}
