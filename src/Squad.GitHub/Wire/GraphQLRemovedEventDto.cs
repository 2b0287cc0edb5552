using System.Text.Json.Serialization;

namespace Squad.GitHub.Wire;

internal sealed record GraphQLRemovedEventDto
{
    [JsonPropertyName("reason")]
    public string? Reason { get; init; }
}
