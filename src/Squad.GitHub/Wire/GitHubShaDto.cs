namespace Squad.GitHub.Wire;

/// <summary>An object named by its SHA: a ref's <c>object</c>, a commit's <c>tree</c> or one of its <c>parents</c>.</summary>
internal sealed record GitHubShaDto
{
    public required string Sha { get; init; }
}
