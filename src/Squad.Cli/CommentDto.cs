namespace Squad.Cli;

internal sealed record CommentDto
{
    public required string Author { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}
