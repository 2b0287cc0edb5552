using System.Net;
using Microsoft.Extensions.Logging;
using Squad.Core;
using Squad.Core.Forge;
using Squad.GitHub.Wire;

namespace Squad.GitHub;

/// <summary>
/// Squash merges pinned to the approved head (GitHub answers 409 when the head moved, 405 when it refuses), then
/// deletes the head branch. Waits, bounded, while GitHub still computes whether the pull request merges. Honours the
/// base branch's rules (<see cref="GitHubRequirementsGate"/>), enqueues in GitHub's merge queue where the branch has one
/// (<see cref="GitHubMergeQueue"/>), and for the merge queue's tested base reads the tip right before merging and the
/// squash right after.
/// </summary>
internal sealed class GitHubMerger(GitHubClient client, GitHubOptions options, TimeProvider timeProvider, ILogger logger)
{
    private readonly GitHubBranchRules branchRules = new(client);
    private readonly GitHubRequirementsGate requirements = new(client, options, timeProvider, logger);
    private readonly GitHubMergeQueue mergeQueue = new(client, options, timeProvider, logger);

    /// <summary>Whether the base branch's rules include <c>merge_queue</c>.</summary>
    public async Task<bool> HasMergeQueueAsync(GitHubRepositoryName name, string baseBranch, CancellationToken cancellationToken)
        => (await branchRules.ReadAsync(name, baseBranch, cancellationToken)).MergeQueue;

    public async Task<MergeResult> MergeAsync(GitHubRepositoryName name, int number, MergeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pull = await WaitForMergeabilityAsync(name, number, cancellationToken);
        if (pull.State != "open")
        {
            return MergeResult.Refused(MergeStatus.NotMergeable,
                $"pull request #{number} in '{name}' is {(pull.MergedAt is null ? "closed" : "already merged")}");
        }

        var rules = await branchRules.ReadAsync(name, pull.Base.Ref, cancellationToken);
        if (rules.MergeQueue)
        {
            return await mergeQueue.EnqueueAsync(name, pull, request, cancellationToken);
        }

        if (pull.Mergeable == false && pull.MergeableState == "dirty")
        {
            return MergeResult.Refused(MergeStatus.Conflict, $"pull request #{number} in '{name}' conflicts with {pull.Base.Ref}; merge {pull.Base.Ref} into {pull.Head.Ref} and resolve");
        }

        if (await requirements.CheckAsync(name, pull, request, rules, cancellationToken) is { } refused)
        {
            return refused;
        }

        // GitHub cannot make the merge conditional on the base: read its tip last, and check the squash afterwards.
        if (request.ExpectedBaseSha is { } expectedBase && await BaseTipAsync(name, pull.Base.Ref, cancellationToken) is var tip
            && !string.Equals(tip, expectedBase, StringComparison.OrdinalIgnoreCase))
        {
            return MergeResult.Refused(MergeStatus.BaseChanged,
                $"{pull.Base.Ref} is at {Short(tip)}, no longer the tested {Short(expectedBase)}: the merge result is tested again");
        }

        var merged = await SquashAsync(name, pull, request, cancellationToken);
        if (merged.Status != MergeStatus.Merged)
        {
            return merged;
        }

        // The branch may be gone already (auto-delete on merge): 404 and 422 both mean that.
        await client.WriteAsync(HttpMethod.Delete, $"{name.Path}/git/refs/heads/{EscapeBranch(pull.Head.Ref)}",
            [HttpStatusCode.NotFound, HttpStatusCode.UnprocessableEntity], cancellationToken);
        return await VerifyAsync(name, merged, request, cancellationToken);
    }

    public async Task<GitHubPullDto> RequirePullAsync(GitHubRepositoryName name, int number, CancellationToken cancellationToken)
        => await client.FindAsync($"{name.Path}/pulls/{number}", GitHubJsonContext.Default.GitHubPullDto, cancellationToken)
            ?? throw new SquadException(SquadErrorCode.InvalidInput, $"pull request #{number} does not exist in '{name}' on GitHub; check the repository and the number");

    private async Task<MergeResult> SquashAsync(GitHubRepositoryName name, GitHubPullDto pull, MergeRequest request, CancellationToken cancellationToken)
    {
        var body = new MergePullRequestBody
        {
            MergeMethod = "squash",
            Sha = request.ExpectedHeadSha,
            CommitTitle = request.CommitTitle,
            CommitMessage = request.CommitMessage,
        };
        var response = await client.WriteAsync(HttpMethod.Put, $"{name.Path}/pulls/{pull.Number}/merge", body, GitHubJsonContext.Default.MergePullRequestBody,
            [HttpStatusCode.MethodNotAllowed, HttpStatusCode.Conflict], cancellationToken: cancellationToken);
        switch (response.Status)
        {
            case HttpStatusCode.Conflict:
                return MergeResult.Refused(MergeStatus.HeadChanged,
                    $"the head of pull request #{pull.Number} is no longer the approved {request.ExpectedHeadSha} ({GitHubErrors.Detail(response.Body)}); the new head needs its own reviews");
            case HttpStatusCode.MethodNotAllowed:
                return MergeResult.Refused(MergeStatus.NotMergeable, $"GitHub refuses to merge pull request #{pull.Number}: {GitHubErrors.Detail(response.Body)}");
        }

        var merged = GitHubClient.Parse(response.Body, GitHubJsonContext.Default.GitHubMergeResultDto, "merge");
        return merged.Merged && !string.IsNullOrEmpty(merged.Sha)
            ? MergeResult.Merged(merged.Sha)
            : MergeResult.Refused(MergeStatus.NotMergeable, $"GitHub did not merge pull request #{pull.Number}: {merged.Message ?? "no reason given"}");
    }

    /// <summary>
    /// The window between reading the base's tip and GitHub's merge is not closed by GitHub: the squash is read back, and a
    /// parent or tree other than the tested ones is named in <see cref="MergeResult.Warning"/>.
    /// </summary>
    private async Task<MergeResult> VerifyAsync(GitHubRepositoryName name, MergeResult merged, MergeRequest request, CancellationToken cancellationToken)
    {
        if (request.ExpectedBaseSha is null && request.ExpectedTreeSha is null)
        {
            return merged;
        }

        var sha = merged.MergeCommitSha!;
        var commit = await client.GetAsync($"{name.Path}/git/commits/{Uri.EscapeDataString(sha)}", GitHubJsonContext.Default.GitHubGitCommitDto, cancellationToken);
        var parent = commit.Parents.FirstOrDefault()?.Sha ?? "";
        var problems = new List<string>();
        if (request.ExpectedBaseSha is { } expectedBase && !string.Equals(parent, expectedBase, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"the base moved to {Short(parent)} between the check and the merge, so {Short(sha)} is on a base other than the tested {Short(expectedBase)}");
        }

        if (request.ExpectedTreeSha is { } expectedTree && !string.Equals(commit.Tree.Sha, expectedTree, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"its tree {Short(commit.Tree.Sha)} is not the tested {Short(expectedTree)}");
        }

        return problems.Count == 0 ? merged : merged with { Warning = string.Join("; ", problems) + "; the post-merge verification tests it" };
    }

    private async Task<string> BaseTipAsync(GitHubRepositoryName name, string branch, CancellationToken cancellationToken)
        => (await client.GetAsync($"{name.Path}/git/ref/heads/{EscapeBranch(branch)}", GitHubJsonContext.Default.GitHubRefDto, cancellationToken)).Object.Sha;

    private static string Short(string sha) => sha[..Math.Min(12, sha.Length)];

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
