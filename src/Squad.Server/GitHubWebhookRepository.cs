using System.Text.Json.Serialization;

namespace Squad.Server;

/// <summary>The repository a webhook delivery names: only its full name and default branch are read.</summary>
internal sealed record GitHubWebhookRepository(
    [property: JsonPropertyName("full_name")] string? FullName,
    [property: JsonPropertyName("default_branch")] string? DefaultBranch);
