using System.Net;
using Microsoft.Extensions.Logging;
using Squad.Core;
using Squad.Core.Forge;
using Squad.GitHub.Wire;

namespace Squad.GitHub;

/// <summary>
/// Squash merges pinned to the approved head (GitHub answers 409 when the head moved, 405 when it refuses), then
/// deletes the head branch. Waits, bounded, while GitHub still computes whether the pull request merges.
/// </summary>
internal sealed class GitHubMerger(GitHubClient client, GitHubOptions options, TimeProvider timeProvider, ILogger logger)
{
    public async Task<MergeResult> MergeAsync(GitHubRepositoryName name, int number, MergeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pull = await WaitForMergeabilityAsync(name, number, cancellationToken);
        if (pull.State != "open")
        {
            return MergeResult.Refused(MergeStatus.NotMergeable,
                $"pull request #{number} in '{name}' is {(pull.MergedAt is null ? "closed" : "already merged")}");
        }

        if (pull.Mergeable == false && pull.MergeableState == "dirty")
        {
            return MergeResult.Refused(MergeStatus.Conflict, $"pull request #{number} in '{name}' conflicts with {pull.Base.Ref}; merge {pull.Base.Ref} into {pull.Head.Ref} and resolve");
        }

        var body = new MergePullRequestBody
        {
            MergeMethod = "squash",
            Sha = request.ExpectedHeadSha,
            CommitTitle = request.CommitTitle,
            CommitMessage = request.CommitMessage,
        };
        var response = await client.WriteAsync(HttpMethod.Put, $"{name.Path}/pulls/{number}/merge", body, GitHubJsonContext.Default.MergePullRequestBody,
            [HttpStatusCode.MethodNotAllowed, HttpStatusCode.Conflict], cancellationToken: cancellationToken);
        switch (response.Status)
        {
            case HttpStatusCode.Conflict:
                return MergeResult.Refused(MergeStatus.HeadChanged,
                    $"the head of pull request #{number} is no longer the approved {request.ExpectedHeadSha} ({GitHubErrors.Detail(response.Body)}); the new head needs its own reviews");
            case HttpStatusCode.MethodNotAllowed:
                return MergeResult.Refused(MergeStatus.NotMergeable, $"GitHub refuses to merge pull request #{number}: {GitHubErrors.Detail(response.Body)}");
        }

        var merged = GitHubClient.Parse(response.Body, GitHubJsonContext.Default.GitHubMergeResultDto, "merge");
        if (!merged.Merged || string.IsNullOrEmpty(merged.Sha))
        {
            return MergeResult.Refused(MergeStatus.NotMergeable, $"GitHub did not merge pull request #{number}: {merged.Message ?? "no reason given"}");
        }

        // The branch may be gone already (auto-delete on merge): 404 and 422 both mean that.
        await client.WriteAsync(HttpMethod.Delete, $"{name.Path}/git/refs/heads/{EscapeBranch(pull.Head.Ref)}",
            [HttpStatusCode.NotFound, HttpStatusCode.UnprocessableEntity], cancellationToken);
        return MergeResult.Merged(merged.Sha);
    }

    public async Task<GitHubPullDto> RequirePullAsync(GitHubRepositoryName name, int number, CancellationToken cancellationToken)
        => await client.FindAsync($"{name.Path}/pulls/{number}", GitHubJsonContext.Default.GitHubPullDto, cancellationToken)
            ?? throw new SquadException(SquadErrorCode.InvalidInput, $"pull request #{number} does not exist in '{name}' on GitHub; check the repository and the number");

    /// <summary>Slashes in a branch name stay path separators, as in GitHub's ref paths.</summary>
    internal static string EscapeBranch(string branch) => string.Join('/', branch.Split('/').Select(Uri.EscapeDataString));

    private async Task<GitHubPullDto> WaitForMergeabilityAsync(GitHubRepositoryName name, int number, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var pull = await RequirePullAsync(name, number, cancellationToken);
            if (pull.Mergeable is not null || pull.State != "open" || attempt >= options.MergeabilityAttempts)
            {
                return pull;
            }

            GitHubLog.MergeabilityPending(logger, number, options.MergeabilityInterval.TotalSeconds);
            await Task.Delay(options.MergeabilityInterval, timeProvider, cancellationToken);
        }
    }
}
