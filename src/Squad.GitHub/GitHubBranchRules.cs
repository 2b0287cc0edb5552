using System.Net;
using Squad.GitHub.Wire;

namespace Squad.GitHub;

/// <summary>
/// Reads what a base branch requires: the rules of every ruleset that applies to it (<c>GET /rules/branches/{branch}</c>,
/// readable with read access) and classic protection's required checks (<c>GET /branches/{branch}/protection/required_status_checks</c>,
/// which needs admin: 403 and 404 mean unknown or none, and GitHub itself still enforces them at merge time).
/// </summary>
internal sealed class GitHubBranchRules(GitHubClient client)
{
    public async Task<BranchRequirements> ReadAsync(GitHubRepositoryName name, string branch, CancellationToken cancellationToken)
    {
        var escaped = GitHubMerger.EscapeBranch(branch);
        var rules = await client.GetAllAsync($"{name.Path}/rules/branches/{escaped}", GitHubJsonContext.Default.ListGitHubRuleDto, cancellationToken);
        var classic = await client.FindAsync($"{name.Path}/branches/{escaped}/protection/required_status_checks",
            GitHubJsonContext.Default.GitHubRequiredStatusChecksDto, [HttpStatusCode.Forbidden], cancellationToken);
        var checks = rules.Where(r => r.Type == "required_status_checks")
            .SelectMany(r => r.Parameters?.RequiredStatusChecks ?? [])
            .Select(c => c.Context)
            .Concat(classic?.Contexts ?? [])
            .Concat(classic?.Checks?.Select(c => c.Context) ?? [])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        return new BranchRequirements
        {
            RequiredChecks = checks,
            Strict = classic?.Strict == true || rules.Any(r => r.Type == "required_status_checks" && r.Parameters?.StrictRequiredStatusChecksPolicy == true),
            RequiredApprovals = rules.Where(r => r.Type == "pull_request").Select(r => r.Parameters?.RequiredApprovingReviewCount ?? 0).DefaultIfEmpty(0).Max(),
            MergeQueue = rules.Any(r => r.Type == "merge_queue"),
        };
    }
}
