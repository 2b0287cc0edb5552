using System.Text.Json.Serialization;

namespace Squad.Server;

/// <summary>The few fields Squad reads from a webhook's <c>check_suite</c> or <c>workflow_run</c> object; the rest is never bound.</summary>
internal sealed record GitHubWebhookRun(
    [property: JsonPropertyName("conclusion")] string? Conclusion,
    [property: JsonPropertyName("head_branch")] string? HeadBranch,
    [property: JsonPropertyName("head_sha")] string? HeadSha);
