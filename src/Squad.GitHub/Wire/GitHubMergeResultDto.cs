namespace Squad.GitHub.Wire;

internal sealed record GitHubMergeResultDto
{
    public bool Merged { get; init; }

    public string? Sha { get; init; }

    public string? Message { get; init; }
}
