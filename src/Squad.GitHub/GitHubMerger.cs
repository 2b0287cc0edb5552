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
internal sealed class GitHubMerger(GitHubClient client, GitHubApi api, GitHubOptions options, TimeProvider timeProvider, ILogger logger)
{
    private readonly GitHubBranchRules branchRules = new(client);
    private readonly GitHubRequirementsGate requirements = new(client, api, options, timeProvider, logger);
    private readonly GitHubMergeQueue mergeQueue = new(client, api, options, timeProvider, logger);

    /// <summary>Whether the base branch's rules include <c>merge_queue</c>.</summary>
    public async Task<bool> HasMergeQueueAsync(GitHubRepositoryName name, string baseBranch, CancellationToken cancellationToken)
        => (await branchRules.ReadAsync(name, baseBranch, cancellationToken)).MergeQueue;

    public async Task<MergeResult> MergeAsync(GitHubRepositoryName name, int number, MergeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pull = await WaitForMergeabilityAsync(name, number, cancellationToken);
        if (pull.State.StringValue != "open")
        {
            return MergeResult.Refused(MergeStatus.NotMergeable,
                $"pull request #{number} in '{name}' is {(pull.MergedAt is null ? "closed" : "already merged")}");
        }

        var rules = await branchRules.ReadAsync(name, pull.Base.Ref, cancellationToken);
        if (rules.MergeQueue)
        {
            return await mergeQueue.EnqueueAsync(name, pull, request, cancellationToken);
        }

        if (pull.Mergeable == false && pull.MergeableState?.StringValue == "dirty")
        {
            return MergeResult.Refused(MergeStatus.Conflict, $"pull request #{number} in '{name}' conflicts with {pull.Base.Ref}; merge {pull.Base.Ref} into {pull.Head.Ref} and resolve");
        }

        if (await requirements.CheckAsync(name, pull, request, rules, cancellationToken) is { } refused)
        {
            return refused;
        }

        // GitHub cannot make the merge conditional on the base: read its tip last, and check the squash afterwards.
        if (request.ExpectedBaseSha is { } expectedBase && await BaseTipAsync(name, pull.Base.Ref) is var tip
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
        await DeleteBranchAsync(name, pull.Head.Ref);
        return await VerifyAsync(name, merged, request, cancellationToken);
    }

    public async Task<Octokit.PullRequest> RequirePullAsync(GitHubRepositoryName name, int number, CancellationToken cancellationToken)
        => await api.FindAsync(HttpMethod.Get, $"{name.Path}/pulls/{number}", () => api.Octokit.PullRequest.Get(name.Owner, name.Name, number))
            ?? throw new SquadException(SquadErrorCode.InvalidInput, $"pull request #{number} does not exist in '{name}' on GitHub; check the repository and the number");

    /// <summary>The squash, pinned to the approved head: GitHub's 409 (the head moved) and 405 (it refuses) are answers, not failures.</summary>
    private async Task<MergeResult> SquashAsync(GitHubRepositoryName name, Octokit.PullRequest pull, MergeRequest request, CancellationToken cancellationToken)
    {
        var body = new Octokit.MergePullRequest
        {
            MergeMethod = Octokit.PullRequestMergeMethod.Squash,
            Sha = request.ExpectedHeadSha,
            CommitTitle = request.CommitTitle,
            CommitMessage = request.CommitMessage,
        };
        var path = $"{name.Path}/pulls/{pull.Number}/merge";
        Octokit.PullRequestMerge merged;
        try
        {
            merged = await api.Octokit.PullRequest.Merge(name.Owner, name.Name, pull.Number, body);
        }
        catch (Octokit.PullRequestMismatchException exception)
        {
            return MergeResult.Refused(MergeStatus.HeadChanged,
                $"the head of pull request #{pull.Number} is no longer the approved {request.ExpectedHeadSha} ({GitHubOctokit.Detail(exception)}); the new head needs its own reviews");
        }
        catch (Octokit.PullRequestNotMergeableException exception)
        {
            return MergeResult.Refused(MergeStatus.NotMergeable, $"GitHub refuses to merge pull request #{pull.Number}: {GitHubOctokit.Detail(exception)}");
        }
        catch (Octokit.ApiException exception)
        {
            throw api.Failure(exception, HttpMethod.Put, path);
        }

        return merged.Merged && !string.IsNullOrEmpty(merged.Sha)
            ? MergeResult.Merged(merged.Sha)
            : MergeResult.Refused(MergeStatus.NotMergeable, $"GitHub did not merge pull request #{pull.Number}: {merged.Message ?? "no reason given"}");
    }

    private async Task DeleteBranchAsync(GitHubRepositoryName name, string branch)
    {
        try
        {
            await api.Octokit.Git.Reference.Delete(name.Owner, name.Name, "heads/" + branch);
        }
        catch (Octokit.ApiException exception) when (exception.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.UnprocessableEntity)
        {
            // Gone already.
        }
        catch (Octokit.ApiException exception)
        {
            throw api.Failure(exception, HttpMethod.Delete, $"{name.Path}/git/refs/heads/{EscapeBranch(branch)}");
        }
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
        var commit = await api.CallAsync(HttpMethod.Get, $"{name.Path}/git/commits/{Uri.EscapeDataString(sha)}", () => api.Octokit.Git.Commit.Get(name.Owner, name.Name, sha));
        var parent = commit.Parents.Count > 0 ? commit.Parents[0].Sha : "";
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

    private async Task<string> BaseTipAsync(GitHubRepositoryName name, string branch)
    {
        // Octokit's References.Get reads GET git/refs/{ref}, which GitHub's description does not have: the documented
        // GET git/ref/{ref}, through Octokit's connection and model.
        var path = $"{name.Path}/git/ref/heads/{EscapeBranch(branch)}";
        var reference = await api.CallAsync(HttpMethod.Get, path, () => api.Connection.Get<Octokit.Reference>(new Uri(path, UriKind.Relative)));
        return reference.Object.Sha;
    }

    private static string Short(string sha) => sha[..Math.Min(12, sha.Length)];

    /// <summary>Slashes in a branch name stay path separators, as in GitHub's ref paths.</summary>
    internal static string EscapeBranch(string branch) => string.Join('/', branch.Split('/').Select(Uri.EscapeDataString));

    private async Task<Octokit.PullRequest> WaitForMergeabilityAsync(GitHubRepositoryName name, int number, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var pull = await RequirePullAsync(name, number, cancellationToken);
            if (pull.Mergeable is not null || pull.State.StringValue != "open" || attempt >= options.MergeabilityAttempts)
            {
                return pull;
            }

            GitHubLog.MergeabilityPending(logger, number, options.MergeabilityInterval.TotalSeconds);
            await Task.Delay(options.MergeabilityInterval, timeProvider, cancellationToken);
        }
    }
}
