using System.Text;

namespace Squad.Server.Tests;

public sealed class GitHubWebhookTriageTests
{
    private static readonly IReadOnlySet<string> Configured = new HashSet<string>(StringComparer.Ordinal) { "acme/shop" };

    private static byte[] Payload(string run, string action = "completed", string conclusion = "failure", string branch = "main", string repository = "acme/shop")
        => Encoding.UTF8.GetBytes($$"""
            {"action":"{{action}}","{{run}}":{"id":1,"head_branch":"{{branch}}","head_sha":"abc123","status":"completed","conclusion":"{{conclusion}}"},
             "repository":{"id":2,"full_name":"{{repository}}","default_branch":"main"},"sender":{"login":"octocat"} }
            """);

    [Theory]
    [InlineData("check_suite", "failure")]
    [InlineData("check_suite", "timed_out")]
    [InlineData("workflow_run", "failure")]
    [InlineData("workflow_run", "startup_failure")]
    public void Decide_FailedRunOnDefaultBranch_Heals(string eventName, string conclusion)
    {
        var decision = GitHubWebhookTriage.Decide(eventName, Payload(eventName, conclusion: conclusion), Configured);

        Assert.Equal(GitHubWebhookDecisionKind.Heal, decision.Kind);
        Assert.Equal(("acme/shop", "main", "abc123"), (decision.Repository, decision.Branch, decision.HeadSha));
    }

    [Fact]
    public void Decide_Ping_Pongs()
        => Assert.Equal(GitHubWebhookDecisionKind.Pong, GitHubWebhookTriage.Decide("ping", "{}"u8, Configured).Kind);

    [Theory]
    [InlineData("push", "check_suite", "completed", "failure", "main", "acme/shop", "event 'push'")]
    [InlineData("check_suite", "check_suite", "requested", "failure", "main", "acme/shop", "action 'requested'")]
    [InlineData("check_suite", "check_suite", "completed", "success", "main", "acme/shop", "conclusion 'success'")]
    [InlineData("workflow_run", "workflow_run", "completed", "cancelled", "main", "acme/shop", "conclusion 'cancelled'")]
    [InlineData("workflow_run", "workflow_run", "completed", "failure", "feature", "acme/shop", "branch 'feature'")]
    [InlineData("workflow_run", "workflow_run", "completed", "failure", "main", "evil/shop", "repository 'evil/shop'")]
    [InlineData("workflow_run", "check_suite", "completed", "failure", "main", "acme/shop", "has no workflow_run")]
    public void Decide_AnythingElse_IsIgnoredWithReason(string eventName, string run, string action, string conclusion, string branch, string repository, string reason)
    {
        var decision = GitHubWebhookTriage.Decide(eventName, Payload(run, action, conclusion, branch, repository), Configured);

        Assert.Equal(GitHubWebhookDecisionKind.Ignored, decision.Kind);
        Assert.Contains(reason, decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_MalformedJson_IsIgnored()
        => Assert.Equal(GitHubWebhookDecisionKind.Ignored, GitHubWebhookTriage.Decide("check_suite", "{\"action\":"u8, Configured).Kind);

    [Fact]
    public void Decide_HostileEventName_IsClippedAndControlFree()
    {
        var decision = GitHubWebhookTriage.Decide("x\n" + new string('y', 500), "{}"u8, Configured);

        Assert.DoesNotContain('\n', decision.Reason);
        Assert.True(decision.Reason.Length < 120);
    }
}
