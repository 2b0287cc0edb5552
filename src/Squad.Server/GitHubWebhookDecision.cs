namespace Squad.Server;

/// <summary>The outcome of <see cref="GitHubWebhookTriage"/>: what to do, why, and for a heal the repository, branch and commit.</summary>
internal sealed record GitHubWebhookDecision(
    GitHubWebhookDecisionKind Kind,
    string Reason,
    string? Repository = null,
    string? Branch = null,
    string? HeadSha = null)
{
    public static GitHubWebhookDecision Ignore(string reason) => new(GitHubWebhookDecisionKind.Ignored, reason);
}
