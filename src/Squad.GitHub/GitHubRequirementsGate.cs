using System.Net;
using Microsoft.Extensions.Logging;
using Squad.Core.Forge;
using Squad.GitHub.Wire;

namespace Squad.GitHub;

/// <summary>
/// What the base branch requires, checked before Squad asks GitHub to merge: up to date with the base (strict
/// required checks: Squad updates the branch, which makes a new head), the required checks passing on the head
/// (waited for, bounded), and enough approving reviews that GitHub counts. A refusal is a value.
/// </summary>
internal sealed class GitHubRequirementsGate(GitHubClient client, GitHubApi api, GitHubOptions options, TimeProvider timeProvider, ILogger logger)
{
    public async Task<MergeResult?> CheckAsync(GitHubRepositoryName name, Octokit.PullRequest pull, MergeRequest request, BranchRequirements rules, CancellationToken cancellationToken)
    {
        if (rules.Strict && pull.MergeableState?.StringValue == "behind")
        {
            return await UpdateBranchAsync(name, pull, request, cancellationToken);
        }

        if (rules.RequiredChecks.Count > 0 && await WaitForChecksAsync(name, pull.Number, request.ExpectedHeadSha, rules.RequiredChecks, cancellationToken) is { } checks)
        {
            return checks;
        }

        return rules.RequiredApprovals > 0 ? await CountApprovalsAsync(name, pull, request.ExpectedHeadSha, rules.RequiredApprovals, cancellationToken) : null;
    }

    /// <summary>
    /// GitHub merges the base into the head branch (<c>update-branch</c>, pinned to the approved head): the new head is a
    /// commit nobody reviewed, so the merge is refused as <see cref="MergeStatus.HeadChanged"/> and the reviewers look again.
    /// </summary>
    private async Task<MergeResult> UpdateBranchAsync(GitHubRepositoryName name, Octokit.PullRequest pull, MergeRequest request, CancellationToken cancellationToken)
    {
        var response = await client.WriteAsync(HttpMethod.Put, $"{name.Path}/pulls/{pull.Number}/update-branch", new UpdateBranchBody { ExpectedHeadSha = request.ExpectedHeadSha },
            GitHubJsonContext.Default.UpdateBranchBody, [HttpStatusCode.UnprocessableEntity], cancellationToken: cancellationToken);
        return response.Status == HttpStatusCode.UnprocessableEntity
            ? MergeResult.Refused(MergeStatus.HeadChanged,
                $"the head of pull request #{pull.Number} is no longer the approved {request.ExpectedHeadSha} ({GitHubErrors.Detail(response.Body)}); the new head needs its own reviews")
            : MergeResult.Refused(MergeStatus.HeadChanged,
                $"{pull.Base.Ref} requires branches to be up to date before merging: GitHub merged {pull.Base.Ref} into {pull.Head.Ref}, and the new head needs its own reviews");
    }

    /// <summary>Null once every required check passes on <paramref name="sha"/>; a refusal when one fails or the wait runs out.</summary>
    private async Task<MergeResult?> WaitForChecksAsync(GitHubRepositoryName name, int number, string sha, IReadOnlyList<string> required, CancellationToken cancellationToken)
    {
        var deadline = timeProvider.GetUtcNow() + options.RequiredChecksTimeout;
        while (true)
        {
            var states = (await ChecksSummary.ReadAsync(api, name, sha))
                .GroupBy(s => s.Context, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First().State, StringComparer.Ordinal);
            var failing = required.Where(c => states.GetValueOrDefault(c, ChecksState.Pending) == ChecksState.Failing).ToList();
            if (failing.Count > 0)
            {
                return MergeResult.Refused(MergeStatus.NotMergeable, $"the required check(s) {string.Join(", ", failing)} fail on {sha[..Math.Min(12, sha.Length)]} of pull request #{number}");
            }

            var pending = required.Where(c => states.GetValueOrDefault(c, ChecksState.Pending) == ChecksState.Pending).ToList();
            if (pending.Count == 0)
            {
                return null;
            }

            if (timeProvider.GetUtcNow() >= deadline)
            {
                return MergeResult.Refused(MergeStatus.NotMergeable,
                    $"the required check(s) {string.Join(", ", pending)} did not report on {sha[..Math.Min(12, sha.Length)]} of pull request #{number} within {options.RequiredChecksTimeout.TotalMinutes:0} minutes; check that the CI runs on pull requests");
            }

            var waiting = string.Join(", ", pending);
            GitHubLog.RequiredChecksPending(logger, number, waiting, options.RequiredChecksInterval.TotalSeconds);
            await Task.Delay(options.RequiredChecksInterval, timeProvider, cancellationToken);
        }
    }

    /// <summary>GitHub counts each account's latest APPROVED or CHANGES_REQUESTED review; Squad asks for as many approvals on the head.</summary>
    private async Task<MergeResult?> CountApprovalsAsync(GitHubRepositoryName name, Octokit.PullRequest pull, string head, int required, CancellationToken cancellationToken)
    {
        var reviews = await ReviewMapper.ReadAsync(api, name, pull.Number);
        var approvals = reviews.Where(r => r.State.StringValue is "APPROVED" or "CHANGES_REQUESTED" or "DISMISSED" && r.User is not null)
            .GroupBy(r => r.User.Login, StringComparer.OrdinalIgnoreCase)
            .Count(g => g.Last() is var last && last.State.StringValue == "APPROVED" && last.CommitId == head);
        return approvals >= required
            ? null
            : MergeResult.Refused(MergeStatus.NotMergeable,
                $"{pull.Base.Ref} requires {required} approving review(s) and pull request #{pull.Number} has {approvals} on {head[..Math.Min(12, head.Length)]}; give the reviewers GitHub accounts of their own (SQUAD_CODE_REVIEWER_GITHUB_TOKEN, SQUAD_QA_SPECIALIST_GITHUB_TOKEN) so their approvals count");
    }
}
