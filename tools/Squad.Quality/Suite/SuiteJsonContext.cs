using System.Text.Json.Serialization;

namespace Squad.Quality.Suite;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(TaskDefinition))]
internal sealed partial class SuiteJsonContext : JsonSerializerContext;
