using System.Text.Json.Serialization;

namespace Squad.GitHub.Wire;

/// <summary>The data of Squad's two merge queue documents: the enqueue mutation's entry, or the pull request's queue state.</summary>
internal sealed record GraphQLDataDto
{
    [JsonPropertyName("enqueuePullRequest")]
    public GraphQLEnqueuedDto? EnqueuePullRequest { get; init; }

    [JsonPropertyName("node")]
    public GraphQLPullRequestDto? Node { get; init; }
}
