namespace Squad.GitHub.Wire;

/// <summary>
/// One rule that applies to a branch (<c>GET /repos/{o}/{r}/rules/branches/{branch}</c>): <c>merge_queue</c>,
/// <c>required_status_checks</c>, <c>pull_request</c> and others; only the parameters Squad reads are typed.
/// </summary>
internal sealed record GitHubRuleDto
{
    public required string Type { get; init; }

    public GitHubRuleParametersDto? Parameters { get; init; }
}
