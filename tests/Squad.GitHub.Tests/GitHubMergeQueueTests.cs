using System.Text.Json.Nodes;
using Squad.Core.Forge;
using Squad.GitHub.Tests.Fakes;

namespace Squad.GitHub.Tests;

/// <summary>
/// Merges against the loopback GitHub under the merge queue's rules: the tested base (read before, checked after), branch
/// protection and rulesets (strict required checks, required approvals), and GitHub's own merge queue over GraphQL.
/// </summary>
public sealed class GitHubMergeQueueTests : IAsyncLifetime
{
    private GitHubHarness harness = null!;

    public async Task InitializeAsync() => harness = await GitHubHarness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task MergeAsync_BaseMovedSinceTheTest_AnswersBaseChangedAndSendsNoMerge()
    {
        var host = harness.CreateHost();
        var (pull, _) = await harness.OpenPullRequestAsync(host, "feature-a");
        var tested = await MainAsync();
        await MoveMainAsync("other.txt");

        var result = await host.MergeAsync(FakeGitHub.FullName, pull.Number, Merge(pull.HeadSha) with { ExpectedBaseSha = tested });

        Assert.Equal(MergeStatus.BaseChanged, result.Status);
        Assert.Contains(tested[..12], result.Message, StringComparison.Ordinal);
        Assert.Contains(harness.Fake.Requests, r => r.Method == "GET" && r.Path.EndsWith("/git/ref/heads/main", StringComparison.Ordinal));
        Assert.DoesNotContain(harness.Fake.Requests, r => r.Method == "PUT");
        Assert.Equal("open", harness.Fake.Pulls[0].State);
    }

    [Fact]
    public async Task MergeAsync_BaseUnmovedAndTreeAsTested_MergesWithoutWarning()
    {
        var host = harness.CreateHost();
        var (pull, _) = await harness.OpenPullRequestAsync(host, "feature-a");
        var tested = await MainAsync();

        var result = await host.MergeAsync(FakeGitHub.FullName, pull.Number, Merge(pull.HeadSha) with { ExpectedBaseSha = tested, ExpectedTreeSha = await TreeAsync(tested, pull.HeadSha) });

        Assert.Equal((MergeStatus.Merged, (string?)null), (result.Status, result.Warning));
        Assert.Contains(harness.Fake.Requests, r => r.Method == "GET" && r.Path.EndsWith("/git/commits/" + result.MergeCommitSha, StringComparison.Ordinal));
    }

    [Fact]
    public async Task MergeAsync_BaseMovesBetweenTheCheckAndTheMerge_MergesAndNamesTheRace()
    {
        var host = harness.CreateHost();
        var (pull, _) = await harness.OpenPullRequestAsync(host, "feature-a");
        var tested = await MainAsync();
        var tree = await TreeAsync(tested, pull.HeadSha);
        harness.Fake.BeforeMerge = async () =>
        {
            harness.Fake.BeforeMerge = null;
            await MoveMainAsync("racer.txt");
        };

        var result = await host.MergeAsync(FakeGitHub.FullName, pull.Number, Merge(pull.HeadSha) with { ExpectedBaseSha = tested, ExpectedTreeSha = tree });

        Assert.Equal(MergeStatus.Merged, result.Status);
        Assert.Contains("the base moved", result.Warning, StringComparison.Ordinal);
        Assert.Contains($"is not the tested {tree[..12]}", result.Warning, StringComparison.Ordinal);
        Assert.Contains("post-merge verification", result.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MergeAsync_StrictRequiredChecksAndBranchBehind_UpdatesTheBranchThenMergesTheReviewedNewHead()
    {
        harness.Fake.BranchRules.RequireChecks(strict: true, "ci/build");
        var host = harness.CreateHost();
        var (pull, _) = await harness.OpenPullRequestAsync(host, "feature-a");
        await MoveMainAsync("other.txt");
        Pass(pull.HeadSha, "ci/build");

        var first = await host.MergeAsync(FakeGitHub.FullName, pull.Number, Merge(pull.HeadSha));
        var updated = await host.GetPullRequestAsync(FakeGitHub.FullName, pull.Number);
        Pass(updated.HeadSha, "ci/build");
        var second = await host.MergeAsync(FakeGitHub.FullName, pull.Number, Merge(updated.HeadSha));

        Assert.Equal(MergeStatus.HeadChanged, first.Status);
        Assert.Contains("requires branches to be up to date", first.Message, StringComparison.Ordinal);
        var update = Assert.Single(harness.Fake.Requests, r => r.Method == "PUT" && r.Path.EndsWith("/update-branch", StringComparison.Ordinal));
        Assert.Equal(pull.HeadSha, (string?)JsonNode.Parse(update.Body)!["expected_head_sha"]);
        Assert.NotEqual(pull.HeadSha, updated.HeadSha);
        Assert.True(await harness.Fake.Repository.IsAncestorAsync(pull.HeadSha, updated.HeadSha));
        Assert.Equal(MergeStatus.Merged, second.Status);
    }

    [Fact]
    public async Task MergeAsync_RequiredCheckFailsOnTheHead_RefusesNamingTheCheck()
    {
        harness.Fake.BranchRules.RequiredStatusChecks = new JsonObject { ["strict"] = false, ["contexts"] = new JsonArray("ci/test"), ["checks"] = new JsonArray() };
        var host = harness.CreateHost();
        var (pull, _) = await harness.OpenPullRequestAsync(host, "feature-a");
        harness.Fake.Statuses.Add(new FakeStatus { Sha = pull.HeadSha, Context = "ci/test", State = "failure", Description = "2 tests fail" });

        var result = await host.MergeAsync(FakeGitHub.FullName, pull.Number, Merge(pull.HeadSha));

        Assert.Equal(MergeStatus.NotMergeable, result.Status);
        Assert.Contains("required check(s) ci/test fail", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(harness.Fake.Requests, r => r.Method == "PUT");
    }

    [Fact]
    public async Task MergeAsync_ClassicProtectionUnreadable_GoesByTheRulesetsChecks()
    {
        harness.Fake.BranchRules.RequireChecks(strict: false, "ci/build");
        harness.Fake.BranchRules.ProtectionForbidden = true;
        var host = harness.CreateHost();
        var (pull, _) = await harness.OpenPullRequestAsync(host, "feature-a");
        Pass(pull.HeadSha, "ci/build");

        var result = await host.MergeAsync(FakeGitHub.FullName, pull.Number, Merge(pull.HeadSha));

        Assert.Equal(MergeStatus.Merged, result.Status);
        Assert.Contains(harness.Fake.Requests, r => r.Path.EndsWith("/protection/required_status_checks", StringComparison.Ordinal) && r.Status == 403);
    }

    [Fact]
    public async Task MergeAsync_RulesetRequiresTwoApprovalsAndReviewersHaveNoAccounts_RefusesSayingHowToFixIt()
    {
        harness.Fake.BranchRules.RequireApprovals(2);
        var host = harness.CreateHost(reviewerTokens: false);
        var (pull, _) = await harness.OpenPullRequestAsync(host, "feature-a");
        await ApproveAsync(host, pull.Number, pull.HeadSha);

        var result = await host.MergeAsync(FakeGitHub.FullName, pull.Number, Merge(pull.HeadSha));

        Assert.Equal(MergeStatus.NotMergeable, result.Status);
        Assert.Contains("requires 2 approving review(s)", result.Message, StringComparison.Ordinal);
        Assert.Contains("SQUAD_CODE_REVIEWER_GITHUB_TOKEN", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MergeAsync_RulesetRequiresTwoApprovalsAndReviewersApproveWithOwnAccounts_Merges()
    {
        harness.Fake.BranchRules.RequireApprovals(2);
        var host = harness.CreateHost(reviewerTokens: true);
        var (pull, _) = await harness.OpenPullRequestAsync(host, "feature-a");
        await ApproveAsync(host, pull.Number, pull.HeadSha);

        var result = await host.MergeAsync(FakeGitHub.FullName, pull.Number, Merge(pull.HeadSha));

        Assert.Equal(MergeStatus.Merged, result.Status);
    }

    [Fact]
    public async Task MergeAsync_MergeQueueRule_EnqueuesThroughGraphQLAndPollsUntilGitHubMerges()
    {
        harness.Fake.BranchRules.RequireMergeQueue();
        var host = harness.CreateHost();
        var (pull, _) = await harness.OpenPullRequestAsync(host, "feature-a");

        var queued = await host.HasMergeQueueAsync(FakeGitHub.FullName, "main");
        var result = await host.MergeAsync(FakeGitHub.FullName, pull.Number, Merge(pull.HeadSha) with { ExpectedBaseSha = "0000000000000000000000000000000000000000" });

        Assert.True(queued);
        Assert.Equal(MergeStatus.Merged, result.Status);
        Assert.Equal(harness.Fake.Pulls[0].MergeCommitSha, result.MergeCommitSha);
        Assert.Equal(result.MergeCommitSha, await MainAsync());
        Assert.DoesNotContain(harness.Fake.Requests, r => r.Method == "PUT");
        var enqueue = JsonNode.Parse(harness.Fake.MergeQueue.Documents[0])!;
        Assert.Equal(GitHubMergeQueue.EnqueueMutation, (string?)enqueue["query"]);
        Assert.Equal("PR_1", (string?)enqueue["variables"]!["pullRequestId"]);
        Assert.Equal(pull.HeadSha, (string?)enqueue["variables"]!["expectedHeadOid"]);
        Assert.Equal(3, harness.Fake.MergeQueue.Documents.Count);
        Assert.Contains(harness.Clock.Delays, d => d == TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task MergeAsync_GitHubsQueueRemovesThePullRequest_RefusesWithGitHubsReason()
    {
        harness.Fake.BranchRules.RequireMergeQueue();
        harness.Fake.MergeQueue.DequeueReason = "the merge group failed the required check ci/build";
        var host = harness.CreateHost();
        var (pull, _) = await harness.OpenPullRequestAsync(host, "feature-a");

        var result = await host.MergeAsync(FakeGitHub.FullName, pull.Number, Merge(pull.HeadSha));

        Assert.Equal(MergeStatus.NotMergeable, result.Status);
        Assert.Contains("GitHub's merge queue removed pull request #1: the merge group failed the required check ci/build", result.Message, StringComparison.Ordinal);
        Assert.Equal("open", harness.Fake.Pulls[0].State);
    }

    [Fact]
    public async Task MergeAsync_MergeQueueAndHeadMovedAfterApproval_AnswersHeadChanged()
    {
        harness.Fake.BranchRules.RequireMergeQueue();
        var host = harness.CreateHost();
        var (pull, worktree) = await harness.OpenPullRequestAsync(host, "feature-a");
        await harness.CommitAsync(worktree, "late.txt", "late\n");
        await host.PushAsync(FakeGitHub.FullName, worktree, "feature-a");

        var result = await host.MergeAsync(FakeGitHub.FullName, pull.Number, Merge(pull.HeadSha));

        Assert.Equal(MergeStatus.HeadChanged, result.Status);
        Assert.Empty(harness.Fake.MergeQueue.Entries);
    }

    [Fact]
    public void MergeQueueDocuments_AreTheMutationAndQueryOfGitHubsGraphQLSchema()
    {
        // GitHub's GraphQL schema is not in tools/contracts: the documents are held to their known shape here.
        Assert.StartsWith("mutation($pullRequestId: ID!, $expectedHeadOid: GitObjectID) { enqueuePullRequest(input: {pullRequestId: $pullRequestId, expectedHeadOid: $expectedHeadOid})", GitHubMergeQueue.EnqueueMutation, StringComparison.Ordinal);
        Assert.Contains("mergeQueueEntry { state position }", GitHubMergeQueue.EnqueueMutation, StringComparison.Ordinal);
        Assert.Contains("node(id: $pullRequestId) { ... on PullRequest {", GitHubMergeQueue.StateQuery, StringComparison.Ordinal);
        Assert.Contains("itemTypes: [REMOVED_FROM_MERGE_QUEUE_EVENT]", GitHubMergeQueue.StateQuery, StringComparison.Ordinal);
        Assert.Contains("... on RemovedFromMergeQueueEvent { reason }", GitHubMergeQueue.StateQuery, StringComparison.Ordinal);
        Assert.Equal(CountOf(GitHubMergeQueue.StateQuery, '{'), CountOf(GitHubMergeQueue.StateQuery, '}'));
        Assert.Equal(CountOf(GitHubMergeQueue.EnqueueMutation, '{'), CountOf(GitHubMergeQueue.EnqueueMutation, '}'));
    }

    internal static MergeRequest Merge(string sha) => new()
    {
        ExpectedHeadSha = sha,
        CommitTitle = "Work (#1)",
        CommitMessage = "Reviewed-by: squad-code-reviewer, squad-qa-specialist",
        Merger = GitHubHarness.Developer,
    };

    private static int CountOf(string text, char c) => text.Count(x => x == c);

    private async Task<string> MainAsync() => (await harness.Fake.Repository.HeadAsync("main"))!;

    private async Task MoveMainAsync(string file)
    {
        var clone = await harness.CloneAsync("mover-" + file.Replace('.', '-'));
        await harness.CommitAsync(clone, file, "landed on main meanwhile\n");
        await harness.Git.RunAsync(clone, ["push", "-q", "origin", "HEAD:refs/heads/main"]);
    }

    private async Task<string> TreeAsync(string baseSha, string head)
        => (await harness.Git.RunAsync(harness.Fake.Repository.BarePath, ["merge-tree", "--write-tree", baseSha, head])).Split('\n')[0].Trim();

    private void Pass(string sha, string context)
    {
        lock (harness.Fake.Gate)
        {
            harness.Fake.Statuses.Add(new FakeStatus { Sha = sha, Context = context, State = "success", Description = "green" });
        }
    }

    private static async Task ApproveAsync(GitHubCodeHost host, int number, string sha)
    {
        foreach (var reviewer in new[] { GitHubHarness.CodeReviewer, GitHubHarness.QaSpecialist })
        {
            await host.SubmitReviewAsync(FakeGitHub.FullName, number, new ReviewSubmission { Reviewer = reviewer, Verdict = Squad.Core.Domain.Verdict.Approve, Body = "ok", CommitSha = sha });
        }
    }
}
