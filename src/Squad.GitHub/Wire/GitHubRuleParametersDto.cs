namespace Squad.GitHub.Wire;

/// <summary>The parameters of the rules Squad reads: required checks and their strict policy, required approvals.</summary>
internal sealed record GitHubRuleParametersDto
{
    public List<GitHubRequiredCheckDto>? RequiredStatusChecks { get; init; }

    public bool? StrictRequiredStatusChecksPolicy { get; init; }

    public int? RequiredApprovingReviewCount { get; init; }
}
