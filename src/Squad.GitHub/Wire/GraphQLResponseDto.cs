using System.Text.Json.Serialization;

namespace Squad.GitHub.Wire;

/// <summary>A GraphQL answer: <c>data</c>, and <c>errors</c> when the request failed (GraphQL answers 200 either way).</summary>
internal sealed record GraphQLResponseDto
{
    [JsonPropertyName("data")]
    public GraphQLDataDto? Data { get; init; }

    [JsonPropertyName("errors")]
    public List<GraphQLErrorDto>? Errors { get; init; }
}
