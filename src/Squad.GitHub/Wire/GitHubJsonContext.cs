using System.Text.Json.Serialization;

namespace Squad.GitHub.Wire;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GitHubErrorDto))]
[JsonSerializable(typeof(List<GitHubRuleDto>))]
[JsonSerializable(typeof(GitHubRequiredStatusChecksDto))]
[JsonSerializable(typeof(UpdateBranchBody))]
[JsonSerializable(typeof(GraphQLRequestBody))]
[JsonSerializable(typeof(GraphQLResponseDto))]
internal sealed partial class GitHubJsonContext : JsonSerializerContext;
