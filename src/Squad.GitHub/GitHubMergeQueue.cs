using System.Net;
using Microsoft.Extensions.Logging;
using Squad.Core;
using Squad.Core.Forge;
using Squad.GitHub.Wire;

namespace Squad.GitHub;

/// <summary>
/// GitHub's own merge queue, for base branches whose rules include <c>merge_queue</c>: Squad enqueues the approved head
/// (GraphQL <c>enqueuePullRequest</c> with <c>expectedHeadOid</c>, so a moved head is refused) and polls the pull request
/// until GitHub merges it (its <c>merge_commit_sha</c>) or drops it from the queue (the reason of the last
/// <c>RemovedFromMergeQueueEvent</c>). GitHub builds and tests its merge group itself: the base is GitHub's to handle.
/// </summary>
internal sealed class GitHubMergeQueue(GitHubClient client, GitHubApi api, GitHubOptions options, TimeProvider timeProvider, ILogger logger)
{
    internal const string EnqueueMutation =
        "mutation($pullRequestId: ID!, $expectedHeadOid: GitObjectID) { enqueuePullRequest(input: {pullRequestId: $pullRequestId, expectedHeadOid: $expectedHeadOid}) { mergeQueueEntry { state position } } }";

    internal const string StateQuery =
        "query($pullRequestId: ID!) { node(id: $pullRequestId) { ... on PullRequest { merged mergeQueueEntry { state position } timelineItems(last: 1, itemTypes: [REMOVED_FROM_MERGE_QUEUE_EVENT]) { nodes { ... on RemovedFromMergeQueueEvent { reason } } } } } }";

    public async Task<MergeResult> EnqueueAsync(GitHubRepositoryName name, Octokit.PullRequest pull, MergeRequest request, CancellationToken cancellationToken)
    {
        if (pull.NodeId is not { Length: > 0 } nodeId)
        {
            throw new SquadException(SquadErrorCode.Integration, $"GitHub's pull request #{pull.Number} in '{name}' has no node_id to enqueue it by; check GITHUB_API_URL");
        }

        var enqueued = await SendAsync(EnqueueMutation, new GraphQLVariables { PullRequestId = nodeId, ExpectedHeadOid = request.ExpectedHeadSha }, cancellationToken);
        if (enqueued.Errors is { Count: > 0 } errors)
        {
            var reason = string.Join("; ", errors.Select(e => e.Message));
            return reason.Contains("head", StringComparison.OrdinalIgnoreCase) && reason.Contains("oid", StringComparison.OrdinalIgnoreCase)
                ? MergeResult.Refused(MergeStatus.HeadChanged, $"GitHub's merge queue refuses #{pull.Number}: the head is no longer the approved {request.ExpectedHeadSha} ({reason}); the new head needs its own reviews")
                : MergeResult.Refused(MergeStatus.NotMergeable, $"GitHub's merge queue refuses #{pull.Number}: {reason}");
        }

        GitHubLog.Enqueued(logger, pull.Number, enqueued.Data?.EnqueuePullRequest?.MergeQueueEntry?.Position ?? 0);
        return await WaitAsync(name, pull.Number, nodeId, cancellationToken);
    }

    private async Task<MergeResult> WaitAsync(GitHubRepositoryName name, int number, string nodeId, CancellationToken cancellationToken)
    {
        var deadline = timeProvider.GetUtcNow() + options.MergeQueueTimeout;
        while (true)
        {
            await Task.Delay(options.MergeQueueInterval, timeProvider, cancellationToken);
            var pull = await api.CallAsync(HttpMethod.Get, $"{name.Path}/pulls/{number}", () => api.Octokit.PullRequest.Get(name.Owner, name.Name, number));
            if (pull.MergedAt is not null && pull.MergeCommitSha is { Length: > 0 } sha)
            {
                return MergeResult.Merged(sha);
            }

            if (pull.State.StringValue != "open")
            {
                return MergeResult.Refused(MergeStatus.NotMergeable, $"pull request #{number} in '{name}' was closed while in GitHub's merge queue");
            }

            var state = await SendAsync(StateQuery, new GraphQLVariables { PullRequestId = nodeId }, cancellationToken);
            var node = state.Data?.Node;
            if (node is { Merged: false, MergeQueueEntry: null })
            {
                var reason = node.TimelineItems?.Nodes.LastOrDefault()?.Reason ?? "GitHub gave no reason";
                return MergeResult.Refused(MergeStatus.NotMergeable, $"GitHub's merge queue removed pull request #{number}: {reason}");
            }

            if (timeProvider.GetUtcNow() >= deadline)
            {
                return MergeResult.Refused(MergeStatus.NotMergeable,
                    $"pull request #{number} is still in GitHub's merge queue after {options.MergeQueueTimeout.TotalMinutes:0} minutes; a person looks at the queue");
            }
        }
    }

    private async Task<GraphQLResponseDto> SendAsync(string query, GraphQLVariables variables, CancellationToken cancellationToken)
    {
        var response = await client.WriteAsync(HttpMethod.Post, client.GraphQLPath, new GraphQLRequestBody { Query = query, Variables = variables },
            GitHubJsonContext.Default.GraphQLRequestBody, [HttpStatusCode.OK], cancellationToken: cancellationToken);
        return GitHubClient.Parse(response.Body, GitHubJsonContext.Default.GraphQLResponseDto, "graphql");
    }
}
