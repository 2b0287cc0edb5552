using System.Text.Json.Serialization;

namespace Squad.GitHub.Wire;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GitHubUserDto))]
[JsonSerializable(typeof(GitHubPullDto))]
[JsonSerializable(typeof(List<GitHubPullDto>))]
[JsonSerializable(typeof(GitHubReviewDto))]
[JsonSerializable(typeof(List<GitHubReviewDto>))]
[JsonSerializable(typeof(GitHubCombinedStatusDto))]
[JsonSerializable(typeof(GitHubCheckRunsDto))]
[JsonSerializable(typeof(GitHubMergeResultDto))]
[JsonSerializable(typeof(GitHubErrorDto))]
[JsonSerializable(typeof(MergePullRequestBody))]
[JsonSerializable(typeof(GitHubRefDto))]
[JsonSerializable(typeof(GitHubGitCommitDto))]
[JsonSerializable(typeof(List<GitHubRuleDto>))]
[JsonSerializable(typeof(GitHubRequiredStatusChecksDto))]
[JsonSerializable(typeof(UpdateBranchBody))]
[JsonSerializable(typeof(GraphQLRequestBody))]
[JsonSerializable(typeof(GraphQLResponseDto))]
internal sealed partial class GitHubJsonContext : JsonSerializerContext;
