using System.Text.Json;
using System.Text.Json.Serialization;

namespace Squad.Server;

/// <summary>
/// A message Slack sends over a Socket Mode connection: <c>hello</c>, <c>disconnect</c> (with its <c>reason</c>), or an
/// envelope (<c>slash_commands</c>, <c>events_api</c>, <c>interactive</c>) that must be acknowledged by its id.
/// </summary>
internal sealed record SocketModeMessage
{
    public const string Hello = "hello";

    public const string Disconnect = "disconnect";

    public const string SlashCommands = "slash_commands";

    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("envelope_id")]
    public string? EnvelopeId { get; init; }

    /// <summary>The envelope's content; for <c>slash_commands</c>, the fields of the HTTP form.</summary>
    [JsonPropertyName("payload")]
    public JsonElement? Payload { get; init; }

    /// <summary>Whether the acknowledgement may carry a reply.</summary>
    [JsonPropertyName("accepts_response_payload")]
    public bool AcceptsResponsePayload { get; init; }

    /// <summary>0 for the first delivery; Slack counts up when it redelivers an envelope it saw no acknowledgement for.</summary>
    [JsonPropertyName("retry_attempt")]
    public int RetryAttempt { get; init; }

    [JsonPropertyName("retry_reason")]
    public string? RetryReason { get; init; }

    /// <summary>Why Slack asks to reconnect (<c>disconnect</c> only): <c>refresh_requested</c>, <c>warning</c>, <c>link_disabled</c>.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; init; }
}
