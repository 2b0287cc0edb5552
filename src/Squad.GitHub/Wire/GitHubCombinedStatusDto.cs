namespace Squad.GitHub.Wire;

internal sealed record GitHubCombinedStatusDto
{
    public required string State { get; init; }

    public IReadOnlyList<GitHubStatusDto> Statuses { get; init; } = [];
}
