using System.Text.Json.Serialization;

namespace Squad.Server;

/// <summary>The body of <c>chat.postMessage</c>.</summary>
internal sealed record ChatMessage
{
    [JsonPropertyName("channel")]
    public required string Channel { get; init; }

    [JsonPropertyName("text")]
    public required string Text { get; init; }

    [JsonPropertyName("thread_ts")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ThreadTs { get; init; }
}
