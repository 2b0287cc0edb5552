using System.Text.Json.Serialization;

namespace Squad.Server;

/// <summary>Slack's answer to <c>apps.connections.open</c>: a WebSocket URL, or <c>ok: false</c> and an error code.</summary>
internal sealed record ConnectionsOpenResult
{
    [JsonPropertyName("ok")]
    public bool Ok { get; init; }

    [JsonPropertyName("url")]
    public string? Url { get; init; }

    [JsonPropertyName("error")]
    public string? Error { get; init; }
}
