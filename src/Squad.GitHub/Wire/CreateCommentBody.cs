namespace Squad.GitHub.Wire;

internal sealed record CreateCommentBody
{
    public required string Body { get; init; }
}
