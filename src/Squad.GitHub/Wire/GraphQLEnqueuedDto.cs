using System.Text.Json.Serialization;

namespace Squad.GitHub.Wire;

internal sealed record GraphQLEnqueuedDto
{
    [JsonPropertyName("mergeQueueEntry")]
    public GraphQLQueueEntryDto? MergeQueueEntry { get; init; }
}
