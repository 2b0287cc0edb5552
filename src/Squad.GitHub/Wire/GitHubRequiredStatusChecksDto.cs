namespace Squad.GitHub.Wire;

/// <summary>Classic branch protection's required checks (<c>GET .../branches/{branch}/protection/required_status_checks</c>).</summary>
internal sealed record GitHubRequiredStatusChecksDto
{
    /// <summary>"Require branches to be up to date before merging".</summary>
    public bool Strict { get; init; }

    public List<string> Contexts { get; init; } = [];

    public List<GitHubRequiredCheckDto>? Checks { get; init; }
}
