namespace Squad.GitHub.Wire;

internal sealed record CreatePullRequestBody
{
    public required string Title { get; init; }

    public required string Head { get; init; }

    public required string Base { get; init; }

    public required string Body { get; init; }

    public bool Draft { get; init; }
}
