using Squad.Core.Domain;
using Squad.Core.Forge;
using Squad.GitHub.Tests.Fakes;

namespace Squad.GitHub.Tests;

/// <summary>Pull requests, merges and checks through <see cref="GitHubCodeHost"/> against the fake GitHub and its real bare repository.</summary>
public sealed class GitHubCodeHostTests : IAsyncLifetime
{
    private GitHubHarness harness = null!;

    public async Task InitializeAsync() => harness = await GitHubHarness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task GetRepositoryAsync_KnownRepository_ReturnsCloneUrlAndDefaultBranch()
    {
        var host = harness.CreateHost();

        var repository = await host.GetRepositoryAsync(FakeGitHub.FullName);

        Assert.Equal(harness.Fake.Repository.BarePath, repository.FetchUrl);
        Assert.Equal("main", repository.DefaultBranch);
        Assert.Equal(FakeGitHub.FullName, repository.Name);
    }

    [Fact]
    public async Task CreatePullRequestAsync_OneAlreadyExists_ReturnsTheExistingOne()
    {
        var host = harness.CreateHost();
        var (first, _) = await harness.OpenPullRequestAsync(host, "feature-a");

        var second = await host.CreatePullRequestAsync(FakeGitHub.FullName, new NewPullRequest
        {
            Title = "Again",
            Body = "again",
            HeadBranch = "feature-a",
            BaseBranch = "main",
            Author = GitHubHarness.Developer,
        });

        Assert.Equal(first.Number, second.Number);
        Assert.Single(harness.Fake.Pulls);
        Assert.Contains(harness.Fake.Requests, r => r.Method == "POST" && r.Path.EndsWith("/pulls", StringComparison.Ordinal) && r.Status == 422);
    }

    [Fact]
    public async Task CreatePullRequestAsync_BranchNotPushed_ThrowsSayingToPushItFirst()
    {
        var host = harness.CreateHost();

        var error = await Assert.ThrowsAsync<Squad.Core.SquadException>(() => host.CreatePullRequestAsync(FakeGitHub.FullName, new NewPullRequest
        {
            Title = "Nothing",
            Body = "nothing",
            HeadBranch = "never-pushed",
            BaseBranch = "main",
            Author = GitHubHarness.Developer,
        }));

        Assert.Equal(Squad.Core.SquadErrorCode.Integration, error.Code);
        Assert.Contains("push the branch first", error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Fake.Pulls);
    }

    [Fact]
    public async Task FindPullRequestAsync_ByBranch_FindsOnlyThatBranchsPullRequest()
    {
        var host = harness.CreateHost();
        await harness.OpenPullRequestAsync(host, "feature-a");
        var (b, _) = await harness.OpenPullRequestAsync(host, "feature-b");

        var found = await host.FindPullRequestAsync(FakeGitHub.FullName, "feature-b");
        var missing = await host.FindPullRequestAsync(FakeGitHub.FullName, "feature-c");

        Assert.Equal(b.Number, found?.Number);
        Assert.Equal(GitHubHarness.BotLogin, found?.Author);
        Assert.Null(missing);
        Assert.Contains(harness.Fake.Requests, r => r.Query.Contains("head=acme%3Afeature-b", StringComparison.Ordinal) && r.Query.Contains("state=all", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MergeAsync_ApprovedHead_SquashesIntoMainAndDeletesTheBranch()
    {
        var host = harness.CreateHost();
        var (pull, _) = await harness.OpenPullRequestAsync(host, "feature-a");

        var result = await host.MergeAsync(FakeGitHub.FullName, pull.Number, Merge(pull.HeadSha));

        Assert.Equal(MergeStatus.Merged, result.Status);
        Assert.Equal(result.MergeCommitSha, await harness.Fake.Repository.HeadAsync("main"));
        Assert.Null(await harness.Fake.Repository.HeadAsync("feature-a"));
        var merged = await host.GetPullRequestAsync(FakeGitHub.FullName, pull.Number);
        Assert.Equal(PullRequestState.Merged, merged.State);
        Assert.Equal(result.MergeCommitSha, merged.MergeCommitSha);
    }

    [Fact]
    public async Task MergeAsync_PushAfterApproval_ReturnsHeadChangedAndKeepsTheBranch()
    {
        var host = harness.CreateHost();
        var (pull, worktree) = await harness.OpenPullRequestAsync(host, "feature-a");
        var late = await harness.CommitAsync(worktree, "late.txt", "late\n");
        await host.PushAsync(FakeGitHub.FullName, worktree, "feature-a");

        var result = await host.MergeAsync(FakeGitHub.FullName, pull.Number, Merge(pull.HeadSha));

        Assert.Equal(MergeStatus.HeadChanged, result.Status);
        Assert.Equal(late, await harness.Fake.Repository.HeadAsync("feature-a"));
        Assert.Contains(harness.Fake.Requests, r => r.Method == "PUT" && r.Status == 409);
    }

    [Fact]
    public async Task MergeAsync_GitHubAnswers405_ReturnsNotMergeableWithGitHubsMessage()
    {
        var host = harness.CreateHost();
        var (pull, _) = await harness.OpenPullRequestAsync(host, "feature-a");
        harness.Fake.Pulls[0].RefuseMerge = "Required status check \"build\" is expected.";

        var result = await host.MergeAsync(FakeGitHub.FullName, pull.Number, Merge(pull.HeadSha));

        Assert.Equal(MergeStatus.NotMergeable, result.Status);
        Assert.Contains("Required status check \"build\" is expected.", result.Message, StringComparison.Ordinal);
        Assert.NotNull(await harness.Fake.Repository.HeadAsync("feature-a"));
    }

    [Fact]
    public async Task MergeAsync_BaseChangedTheSameLines_ReturnsConflictWithoutTryingToMerge()
    {
        var host = harness.CreateHost();
        var (pull, _) = await harness.OpenPullRequestAsync(host, "feature-a");
        var main = await harness.CloneAsync("other");
        await harness.CommitAsync(main, "feature-a.txt", "main says otherwise\n");
        await harness.Git.RunAsync(main, ["push", "-q", "origin", "HEAD:refs/heads/main"]);

        var result = await host.MergeAsync(FakeGitHub.FullName, pull.Number, Merge(pull.HeadSha));

        Assert.Equal(MergeStatus.Conflict, result.Status);
        Assert.DoesNotContain(harness.Fake.Requests, r => r.Method == "PUT");
    }

    [Fact]
    public async Task MergeAsync_MergeabilityStillComputing_AsksAgainBeforeMerging()
    {
        var host = harness.CreateHost();
        var (pull, _) = await harness.OpenPullRequestAsync(host, "feature-a");
        harness.Fake.Pulls[0].MergeableUnknownReads = 2;

        var result = await host.MergeAsync(FakeGitHub.FullName, pull.Number, Merge(pull.HeadSha));

        Assert.Equal(MergeStatus.Merged, result.Status);
        Assert.Equal(3, harness.Fake.Requests.Count(r => r.Method == "GET" && r.Path.EndsWith($"/pulls/{pull.Number}", StringComparison.Ordinal)));
        Assert.Equal([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3)], harness.Clock.Delays);
    }

    [Fact]
    public async Task ListCommitsAsync_PullRequestWithTwoCommits_ListsThemOldestFirst()
    {
        var host = harness.CreateHost();
        var (pull, worktree) = await harness.OpenPullRequestAsync(host, "feature-a");
        var second = await harness.CommitAsync(worktree, "second.txt", "2\n");
        await host.PushAsync(FakeGitHub.FullName, worktree, "feature-a");

        var commits = await host.ListCommitsAsync(FakeGitHub.FullName, pull.Number);

        Assert.Equal([pull.HeadSha, second], commits.Select(c => c.Sha));
        Assert.All(commits, c => Assert.Equal(GitHubHarness.Developer.Email, c.AuthorEmail));
        Assert.Equal("Change second.txt", commits[1].Message);
    }

    [Fact]
    public async Task GetChecksAsync_StatusesAndCheckRuns_IgnoresSquadsOwnAndReportsTheWorst()
    {
        var host = harness.CreateHost();
        var sha = (await harness.Fake.Repository.HeadAsync("main"))!;
        harness.Fake.Statuses.AddRange(
        [
            new FakeStatus { Sha = sha, Context = "squad/code-review", State = "failure" },
            new FakeStatus { Sha = sha, Context = "ci/lint", State = "success" },
            new FakeStatus { Sha = sha, Context = "build", State = "in_progress", IsCheckRun = true },
        ]);

        var pending = await host.GetChecksAsync(FakeGitHub.FullName, sha);
        harness.Fake.Statuses[2] = harness.Fake.Statuses[2] with { State = "completed", Conclusion = "success" };
        var passing = await host.GetChecksAsync(FakeGitHub.FullName, sha);
        harness.Fake.Statuses.Add(new FakeStatus { Sha = sha, Context = "tests", State = "completed", Conclusion = "failure", IsCheckRun = true });
        var failing = await host.GetChecksAsync(FakeGitHub.FullName, sha);

        Assert.Equal((ChecksState.Pending, "pending: build"), (pending.State, pending.Summary));
        Assert.Equal(ChecksState.Passing, passing.State);
        Assert.Equal((ChecksState.Failing, "failing: tests"), (failing.State, failing.Summary));
    }

    private static MergeRequest Merge(string sha) => new()
    {
        ExpectedHeadSha = sha,
        CommitTitle = "Work (#1)",
        CommitMessage = "Reviewed-by: squad-code-reviewer, squad-qa-specialist",
        Merger = GitHubHarness.Developer,
    };
}
