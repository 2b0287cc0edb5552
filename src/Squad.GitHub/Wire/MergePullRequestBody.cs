namespace Squad.GitHub.Wire;

internal sealed record MergePullRequestBody
{
    public required string MergeMethod { get; init; }

    public required string Sha { get; init; }

    public required string CommitTitle { get; init; }

    public required string CommitMessage { get; init; }
}
