namespace Squad.GitHub.Wire;

/// <summary>The head or base of a pull request.</summary>
internal sealed record GitHubPullRefDto
{
    public required string Ref { get; init; }

    public required string Sha { get; init; }
}
