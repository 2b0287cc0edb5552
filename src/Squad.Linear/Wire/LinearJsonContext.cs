using System.Text.Json.Serialization;

namespace Squad.Linear;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GraphQLRequest))]
[JsonSerializable(typeof(GraphQLResponse<LinearData>))]
[JsonSerializable(typeof(GraphQLResponse<IssueRefData>))]
[JsonSerializable(typeof(GraphQLResponse<IssueConnectionsData>))]
internal sealed partial class LinearJsonContext : JsonSerializerContext;
