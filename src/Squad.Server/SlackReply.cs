using System.Text.Json.Serialization;

namespace Squad.Server;

/// <summary>The JSON Slack shows as a reply, both as the acknowledgement and when posted to <c>response_url</c>.</summary>
internal sealed record SlackReply
{
    public const string Ephemeral = "ephemeral";

    public const string InChannel = "in_channel";

    [JsonPropertyName("response_type")]
    public required string ResponseType { get; init; }

    [JsonPropertyName("text")]
    public required string Text { get; init; }

    public static SlackReply Private(string text) => new() { ResponseType = Ephemeral, Text = text };
}
