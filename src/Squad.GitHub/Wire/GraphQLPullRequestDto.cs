using System.Text.Json.Serialization;

namespace Squad.GitHub.Wire;

/// <summary>A pull request's merge queue state: its entry (null once out of the queue) and why it last left the queue.</summary>
internal sealed record GraphQLPullRequestDto
{
    [JsonPropertyName("merged")]
    public bool Merged { get; init; }

    [JsonPropertyName("mergeQueueEntry")]
    public GraphQLQueueEntryDto? MergeQueueEntry { get; init; }

    [JsonPropertyName("timelineItems")]
    public GraphQLTimelineDto? TimelineItems { get; init; }
}
