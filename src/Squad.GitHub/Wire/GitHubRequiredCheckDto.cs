namespace Squad.GitHub.Wire;

/// <summary>A required check, by its context (a commit status context or a check run name).</summary>
internal sealed record GitHubRequiredCheckDto
{
    public required string Context { get; init; }
}
