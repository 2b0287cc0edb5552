using System.Text.Json.Serialization;

namespace Squad.Server;

/// <summary>
/// The hostile webhook body reduced to what triage needs: the action, the run (from <c>check_suite</c> or
/// <c>workflow_run</c>) and the repository. Every other field is ignored by the source-generated reader.
/// </summary>
internal sealed record GitHubWebhookPayload(
    [property: JsonPropertyName("action")] string? Action,
    [property: JsonPropertyName("check_suite")] GitHubWebhookRun? CheckSuite,
    [property: JsonPropertyName("workflow_run")] GitHubWebhookRun? WorkflowRun,
    [property: JsonPropertyName("repository")] GitHubWebhookRepository? Repository);
