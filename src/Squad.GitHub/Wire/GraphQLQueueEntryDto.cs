using System.Text.Json.Serialization;

namespace Squad.GitHub.Wire;

/// <summary>A merge queue entry: its state (QUEUED, AWAITING_CHECKS, MERGEABLE, UNMERGEABLE, LOCKED) and position.</summary>
internal sealed record GraphQLQueueEntryDto
{
    [JsonPropertyName("state")]
    public string? State { get; init; }

    [JsonPropertyName("position")]
    public int? Position { get; init; }
}
