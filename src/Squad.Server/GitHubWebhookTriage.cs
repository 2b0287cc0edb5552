using System.Text.Json;

namespace Squad.Server;

/// <summary>
/// Decides what a verified GitHub delivery means: <c>ping</c> answers, a completed <c>check_suite</c> or
/// <c>workflow_run</c> that failed on a configured repository's default branch goes to the Healer, and every
/// other event, action, conclusion, branch or repository is ignored with a reason. Reads only the fields it needs.
/// </summary>
internal static class GitHubWebhookTriage
{
    private static readonly HashSet<string> FailingConclusions = new(StringComparer.Ordinal) { "failure", "timed_out", "startup_failure" };

    /// <param name="eventName">The <c>X-GitHub-Event</c> header.</param>
    /// <param name="body">The verified raw body.</param>
    /// <param name="repositories">The <c>owner/name</c> repositories serve is configured for.</param>
    public static GitHubWebhookDecision Decide(string? eventName, ReadOnlySpan<byte> body, IReadOnlySet<string> repositories)
    {
        if (eventName == "ping")
        {
            return new GitHubWebhookDecision(GitHubWebhookDecisionKind.Pong, "ping");
        }

        if (eventName is not ("check_suite" or "workflow_run"))
        {
            return GitHubWebhookDecision.Ignore($"event '{Printable(eventName)}' is not check_suite or workflow_run");
        }

        GitHubWebhookPayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize(body, ServerJsonContext.Default.GitHubWebhookPayload);
        }
        catch (JsonException)
        {
            return GitHubWebhookDecision.Ignore("payload is not valid JSON");
        }

        return payload is null ? GitHubWebhookDecision.Ignore("payload is empty") : Judge(eventName, payload, repositories);
    }

    private static GitHubWebhookDecision Judge(string eventName, GitHubWebhookPayload payload, IReadOnlySet<string> repositories)
    {
        var run = eventName == "check_suite" ? payload.CheckSuite : payload.WorkflowRun;
        var repository = payload.Repository?.FullName;
        if (run is null)
        {
            return GitHubWebhookDecision.Ignore($"{eventName} payload has no {eventName} object");
        }

        if (payload.Action != "completed")
        {
            return GitHubWebhookDecision.Ignore($"action '{Printable(payload.Action)}' is not completed");
        }

        if (repository is null || !repositories.Contains(repository))
        {
            return GitHubWebhookDecision.Ignore($"repository '{Printable(repository)}' is not one serve is configured for");
        }

        if (run.Conclusion is null || !FailingConclusions.Contains(run.Conclusion))
        {
            return GitHubWebhookDecision.Ignore($"conclusion '{Printable(run.Conclusion)}' is not a failure");
        }

        var defaultBranch = payload.Repository?.DefaultBranch;
        if (defaultBranch is null || run.HeadBranch != defaultBranch)
        {
            return GitHubWebhookDecision.Ignore($"branch '{Printable(run.HeadBranch)}' is not the default branch");
        }

        return new GitHubWebhookDecision(GitHubWebhookDecisionKind.Heal, $"{eventName} {run.Conclusion} on {defaultBranch}", repository, defaultBranch, run.HeadSha);
    }

    /// <summary>Hostile text for a log line: at most 60 characters, control characters replaced.</summary>
    private static string Printable(string? text)
    {
        if (text is null)
        {
            return "(none)";
        }

        var clipped = text.Length > 60 ? text[..60] : text;
        return string.Concat(clipped.Select(c => char.IsControl(c) ? '?' : c));
    }
}
