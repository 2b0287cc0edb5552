using System.Text.Json.Serialization;

namespace Squad.Server;

[JsonSerializable(typeof(SlackReply))]
[JsonSerializable(typeof(ChatMessage))]
[JsonSerializable(typeof(ChatMessageResult))]
[JsonSerializable(typeof(HealthReport))]
internal sealed partial class ServerJsonContext : JsonSerializerContext;
