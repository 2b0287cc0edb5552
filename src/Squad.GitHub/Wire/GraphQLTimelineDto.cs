using System.Text.Json.Serialization;

namespace Squad.GitHub.Wire;

/// <summary>The pull request's last <c>RemovedFromMergeQueueEvent</c>s, each with GitHub's reason.</summary>
internal sealed record GraphQLTimelineDto
{
    [JsonPropertyName("nodes")]
    public List<GraphQLRemovedEventDto> Nodes { get; init; } = [];
}
