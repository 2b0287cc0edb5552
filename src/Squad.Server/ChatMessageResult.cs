using System.Text.Json.Serialization;

namespace Squad.Server;

/// <summary>Slack's answer to <c>chat.postMessage</c>: errors come as HTTP 200 with <c>ok: false</c>.</summary>
internal sealed record ChatMessageResult
{
    [JsonPropertyName("ok")]
    public bool Ok { get; init; }

    [JsonPropertyName("ts")]
    public string? Ts { get; init; }

    [JsonPropertyName("error")]
    public string? Error { get; init; }
}
