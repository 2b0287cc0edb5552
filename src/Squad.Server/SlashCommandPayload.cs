using System.Text.Json.Serialization;

namespace Squad.Server;

/// <summary>The payload of a <c>slash_commands</c> envelope: the fields Slack posts as a form over HTTP.</summary>
internal sealed record SlashCommandPayload
{
    [JsonPropertyName("user_id")]
    public required string UserId { get; init; }

    [JsonPropertyName("channel_id")]
    public required string ChannelId { get; init; }

    [JsonPropertyName("command")]
    public string? Command { get; init; }

    [JsonPropertyName("text")]
    public string? Text { get; init; }

    [JsonPropertyName("response_url")]
    public string? ResponseUrl { get; init; }

    /// <summary>Unique to one invocation of the command, whichever envelope carries it.</summary>
    [JsonPropertyName("trigger_id")]
    public string? TriggerId { get; init; }
}
