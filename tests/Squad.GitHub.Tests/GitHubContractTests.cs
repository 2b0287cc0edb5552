using Squad.Core.Domain;
using Squad.Core.Forge;
using Squad.GitHub.Tests.Fakes;
using Squad.Testing;

namespace Squad.GitHub.Tests;

/// <summary>Every request the client sends is an operation of GitHub's OpenAPI description, with a valid body.</summary>
public sealed class GitHubContractTests : IAsyncLifetime
{
    private GitHubHarness harness = null!;

    public async Task InitializeAsync() => harness = await GitHubHarness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [SchemaFact]
    public async Task EveryRequest_FullSquadOnGitHub_IsValidAgainstGitHubsOpenApiDescription()
    {
        await RunEveryOperationAsync(harness.CreateHost(reviewerTokens: false), "feature/without-tokens");
        await RunEveryOperationAsync(harness.CreateHost(reviewerTokens: true), "feature/with-tokens");
        var requests = harness.Fake.Requests;

        var (valid, report) = await OpenApiValidator.ValidateAsync(requests);

        Assert.True(valid, report);
        var operations = requests.Select(r => r.Method).Distinct().Order();
        Assert.Equal(["DELETE", "GET", "POST", "PUT"], operations);
        Assert.Contains(requests, r => r.Method == "POST" && r.Path.Contains("/statuses/", StringComparison.Ordinal));
        Assert.Contains(requests, r => r.Path.Contains("/git/refs/heads/feature/", StringComparison.Ordinal));
    }

    [SchemaFact]
    public async Task EveryRequest_MergeUnderBranchRulesAndGitHubsQueue_IsValidAgainstGitHubsOpenApiDescription()
    {
        var fake = harness.Fake;
        fake.BranchRules.RequireChecks(strict: true, "ci/build").RequireApprovals(1);
        fake.BranchRules.RequiredStatusChecks = new System.Text.Json.Nodes.JsonObject { ["strict"] = true, ["contexts"] = new System.Text.Json.Nodes.JsonArray("ci/build") };
        var host = harness.CreateHost(reviewerTokens: true);
        var (pull, _) = await harness.OpenPullRequestAsync(host, "feature/rules");
        var other = await harness.CloneAsync("mover");
        await harness.CommitAsync(other, "other.txt", "other\n");
        await harness.Git.RunAsync(other, ["push", "-q", "origin", "HEAD:refs/heads/main"]);
        var updated = await host.MergeAsync(FakeGitHub.FullName, pull.Number, GitHubMergeQueueTests.Merge(pull.HeadSha));
        var head = (await host.GetPullRequestAsync(FakeGitHub.FullName, pull.Number)).HeadSha;
        lock (fake.Gate)
        {
            fake.Statuses.Add(new FakeStatus { Sha = head, Context = "ci/build", State = "success" });
        }

        await host.SubmitReviewAsync(FakeGitHub.FullName, pull.Number, new ReviewSubmission { Reviewer = GitHubHarness.CodeReviewer, Verdict = Verdict.Approve, Body = "ok", CommitSha = head });
        var main = (await fake.Repository.HeadAsync("main"))!;
        var moved = await host.MergeAsync(FakeGitHub.FullName, pull.Number, GitHubMergeQueueTests.Merge(head) with { ExpectedBaseSha = "0123456789012345678901234567890123456789" });
        var merged = await host.MergeAsync(FakeGitHub.FullName, pull.Number, GitHubMergeQueueTests.Merge(head) with { ExpectedBaseSha = main, ExpectedTreeSha = "0123456789012345678901234567890123456789" });
        fake.BranchRules.Rules.Clear();
        fake.BranchRules.RequiredStatusChecks = null;
        fake.BranchRules.RequireMergeQueue();
        var (queued, _) = await harness.OpenPullRequestAsync(host, "feature/queued");
        var enqueued = await host.MergeAsync(FakeGitHub.FullName, queued.Number, GitHubMergeQueueTests.Merge(queued.HeadSha));

        Assert.Equal((MergeStatus.HeadChanged, MergeStatus.BaseChanged, MergeStatus.Merged, MergeStatus.Merged), (updated.Status, moved.Status, merged.Status, enqueued.Status));
        Assert.NotNull(merged.Warning);
        // GitHub's GraphQL schema is not in tools/contracts: its documents are checked in GitHubMergeQueueTests.
        var rest = fake.Requests.Where(r => r.Path != "/graphql").ToList();
        var (valid, report) = await OpenApiValidator.ValidateAsync(rest);
        Assert.True(valid, report);
        foreach (var route in new[] { "/rules/branches/main", "/protection/required_status_checks", "/git/ref/heads/main", "/git/commits/", "/update-branch" })
        {
            Assert.Contains(rest, r => r.Path.Contains(route, StringComparison.Ordinal));
        }
    }

    [SchemaFact]
    public async Task Validator_RequestsGitHubDoesNotDescribe_ReportsEachProblem()
    {
        RecordedRequest[] requests =
        [
            Request("POST", "/repos/acme/checkout/pulls/1/reviews", """{"commit_id":"abc","body":"ok","event":"APPROVED"}"""),
            Request("GET", "/repos/acme/checkout/no-such-thing", ""),
            Request("PUT", "/repos/acme/checkout/pulls/1/merge", """{"merge_method":"fast-forward"}"""),
        ];

        var (valid, report) = await OpenApiValidator.ValidateAsync(requests);

        Assert.False(valid);
        Assert.Contains("body/event must be equal to one of the allowed values", report, StringComparison.Ordinal);
        Assert.Contains("GET /repos/acme/checkout/no-such-thing: no such operation", report, StringComparison.Ordinal);
        Assert.Contains("body/merge_method", report, StringComparison.Ordinal);
    }

    private async Task RunEveryOperationAsync(GitHubCodeHost host, string branch)
    {
        const string repository = FakeGitHub.FullName;
        var (pull, worktree) = await harness.OpenPullRequestAsync(host, branch);
        await host.CreatePullRequestAsync(repository, new NewPullRequest { Title = "again", Body = "again", HeadBranch = branch, BaseBranch = "main", Author = GitHubHarness.Developer });
        await host.FindPullRequestAsync(repository, branch);
        await host.CommentAsync(repository, pull.Number, GitHubHarness.Developer, "Squad opened this pull request.");
        await host.ListCommentsAsync(repository, pull.Number);
        await host.ListCommitsAsync(repository, pull.Number);
        foreach (var (reviewer, verdict) in new[] { (GitHubHarness.CodeReviewer, Verdict.Approve), (GitHubHarness.QaSpecialist, Verdict.RequestChanges) })
        {
            await host.SubmitReviewAsync(repository, pull.Number, new ReviewSubmission { Reviewer = reviewer, Verdict = verdict, Body = "verdict", CommitSha = pull.HeadSha });
        }

        await host.ListReviewsAsync(repository, pull.Number);
        await host.GetChecksAsync(repository, pull.HeadSha);
        var late = await harness.CommitAsync(worktree, "late.txt", "late on " + branch + "\n");
        await host.PushAsync(repository, worktree, branch);
        var moved = await host.MergeAsync(repository, pull.Number, Merge(pull.HeadSha));
        var merged = await host.MergeAsync(repository, pull.Number, Merge(late));
        Assert.Equal((MergeStatus.HeadChanged, MergeStatus.Merged), (moved.Status, merged.Status));
    }

    private static MergeRequest Merge(string sha) => new()
    {
        ExpectedHeadSha = sha,
        CommitTitle = "Work (#1)",
        CommitMessage = "Reviewed-by: squad-code-reviewer, squad-qa-specialist",
        Merger = GitHubHarness.Developer,
    };

    private static RecordedRequest Request(string method, string path, string body) => new()
    {
        Method = method,
        Path = path,
        Query = "",
        Body = body,
        Headers = new Dictionary<string, string>(),
        Login = "squad-bot",
    };
}
