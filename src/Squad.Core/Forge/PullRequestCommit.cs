namespace Squad.Core.Forge;

public sealed record PullRequestCommit
{
    public required string Sha { get; init; }

    public required string AuthorName { get; init; }

    public required string AuthorEmail { get; init; }

    public required string Message { get; init; }
}
