using System.Text.Json.Serialization;

namespace Squad.Server;

/// <summary>The acknowledgement of a Socket Mode envelope, with the reply Slack shows when there is one.</summary>
internal sealed record SocketModeAck
{
    [JsonPropertyName("envelope_id")]
    public required string EnvelopeId { get; init; }

    [JsonPropertyName("payload")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SlackReply? Payload { get; init; }
}
