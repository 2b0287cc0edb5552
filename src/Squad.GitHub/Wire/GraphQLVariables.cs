using System.Text.Json.Serialization;

namespace Squad.GitHub.Wire;

/// <summary>The variables of Squad's merge queue documents: the pull request's node ID and, to enqueue, the approved head.</summary>
internal sealed record GraphQLVariables
{
    [JsonPropertyName("pullRequestId")]
    public required string PullRequestId { get; init; }

    [JsonPropertyName("expectedHeadOid")]
    public string? ExpectedHeadOid { get; init; }
}
