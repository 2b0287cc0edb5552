namespace Squad.Core.Forge;

public sealed record PullRequestComment
{
    public required long Id { get; init; }

    public required string Author { get; init; }

    public required string Body { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}
