using System.Text.Json.Serialization;

namespace Squad.Quality.Replay;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(TrajectoryFile))]
internal sealed partial class ReplayJsonContext : JsonSerializerContext;
