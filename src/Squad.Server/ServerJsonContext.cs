using System.Text.Json.Serialization;

namespace Squad.Server;

[JsonSerializable(typeof(SlackReply))]
[JsonSerializable(typeof(ChatMessage))]
[JsonSerializable(typeof(ChatMessageResult))]
[JsonSerializable(typeof(HealthReport))]
[JsonSerializable(typeof(SocketModeMessage))]
[JsonSerializable(typeof(SlashCommandPayload))]
[JsonSerializable(typeof(SocketModeAck))]
[JsonSerializable(typeof(ConnectionsOpenResult))]
[JsonSerializable(typeof(GitHubWebhookPayload))]
internal sealed partial class ServerJsonContext : JsonSerializerContext;
