namespace Squad.GitHub.Wire;

internal sealed record GitHubCheckRunsDto
{
    public required int TotalCount { get; init; }

    public IReadOnlyList<GitHubCheckRunDto> CheckRuns { get; init; } = [];
}
