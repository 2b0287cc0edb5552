using Squad.Core;
using Squad.Core.Domain;
using Squad.Core.Forge;
using Squad.GitHub.Tests.Fakes;

namespace Squad.GitHub.Tests;

/// <summary>Both review setups: reviewers with tokens of their own, and COMMENT reviews plus a commit status each.</summary>
public sealed class GitHubReviewTests : IAsyncLifetime
{
    private GitHubHarness harness = null!;

    public async Task InitializeAsync() => harness = await GitHubHarness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task SubmitReviewAsync_ReviewersWithoutTokens_PostsCommentReviewsAndStatuses()
    {
        var host = harness.CreateHost(reviewerTokens: false);
        var (pull, _) = await harness.OpenPullRequestAsync(host, "feature-a");

        await host.SubmitReviewAsync(FakeGitHub.FullName, pull.Number, Submission(GitHubHarness.CodeReviewer, Verdict.Approve, pull.HeadSha));
        await host.SubmitReviewAsync(FakeGitHub.FullName, pull.Number, Submission(GitHubHarness.QaSpecialist, Verdict.RequestChanges, pull.HeadSha));

        Assert.All(harness.Fake.Reviews, r => Assert.Equal(("COMMENTED", GitHubHarness.BotLogin), (r.State, r.Login)));
        Assert.StartsWith($"<!-- squad-verdict: squad-code-reviewer approve {pull.HeadSha} -->", harness.Fake.Reviews[0].Body, StringComparison.Ordinal);
        Assert.Equal(
            [("squad/code-review", "success"), ("squad/qa-review", "failure")],
            harness.Fake.Statuses.Select(s => (s.Context, s.State)));
        Assert.All(harness.Fake.Statuses, s => Assert.Equal(pull.HeadSha, s.Sha));
    }

    [Fact]
    public async Task ListReviewsAsync_ReviewersWithoutTokens_MapsMarkersBackToReviewersAndVerdicts()
    {
        var host = harness.CreateHost(reviewerTokens: false);
        var (pull, _) = await harness.OpenPullRequestAsync(host, "feature-a");
        await host.SubmitReviewAsync(FakeGitHub.FullName, pull.Number, Submission(GitHubHarness.CodeReviewer, Verdict.Approve, pull.HeadSha));
        await host.SubmitReviewAsync(FakeGitHub.FullName, pull.Number, Submission(GitHubHarness.QaSpecialist, Verdict.RequestChanges, pull.HeadSha));

        var reviews = await host.ListReviewsAsync(FakeGitHub.FullName, pull.Number);

        Assert.Equal(
            [(GitHubHarness.CodeReviewer.Login, Verdict.Approve, pull.HeadSha), (GitHubHarness.QaSpecialist.Login, Verdict.RequestChanges, pull.HeadSha)],
            reviews.Select(r => (r.Author, r.Verdict, r.CommitSha)));
        Assert.Equal("Looks right.", reviews[0].Body);
    }

    [Fact]
    public async Task ListReviewsAsync_PullRequestOpenedByAPerson_StillCountsTheOrchestratorsMarkers()
    {
        var person = harness.CreateHost(token: GitHubHarness.HumanToken);
        var (pull, _) = await harness.OpenPullRequestAsync(person, "opened-by-alice");
        var host = harness.CreateHost();
        await host.SubmitReviewAsync(FakeGitHub.FullName, pull.Number, Submission(GitHubHarness.CodeReviewer, Verdict.Approve, pull.HeadSha));

        var review = Assert.Single(await host.ListReviewsAsync(FakeGitHub.FullName, pull.Number));

        Assert.Equal("alice", pull.Author);
        Assert.Equal((GitHubHarness.CodeReviewer.Login, Verdict.Approve), (review.Author, review.Verdict));
    }

    [Fact]
    public async Task SubmitReviewAsync_ReviewerWithOwnToken_PostsARealApprovalAsThatReviewer()
    {
        var host = harness.CreateHost(reviewerTokens: true);
        var (pull, _) = await harness.OpenPullRequestAsync(host, "feature-a");

        await host.SubmitReviewAsync(FakeGitHub.FullName, pull.Number, Submission(GitHubHarness.CodeReviewer, Verdict.Approve, pull.HeadSha));
        await host.SubmitReviewAsync(FakeGitHub.FullName, pull.Number, Submission(GitHubHarness.QaSpecialist, Verdict.RequestChanges, pull.HeadSha));
        var reviews = await host.ListReviewsAsync(FakeGitHub.FullName, pull.Number);

        Assert.Equal(
            [("APPROVED", GitHubHarness.CodeReviewer.Login), ("CHANGES_REQUESTED", GitHubHarness.QaSpecialist.Login)],
            harness.Fake.Reviews.Select(r => (r.State, r.Login)));
        Assert.Empty(harness.Fake.Statuses);
        Assert.Equal([Verdict.Approve, Verdict.RequestChanges], reviews.Select(r => r.Verdict));
        Assert.Equal([GitHubHarness.CodeReviewer.Login, GitHubHarness.QaSpecialist.Login], reviews.Select(r => r.Author));
    }

    [Fact]
    public async Task ListReviewsAsync_ReviewerTokenOfAnotherAccount_CreditsTheReviewerRole()
    {
        using var host = new GitHubCodeHost(new GitHubOptions
        {
            Token = GitHubHarness.MainToken,
            ApiUrl = harness.Fake.BaseAddress,
            Reviewers = [new GitHubReviewer { Login = GitHubHarness.CodeReviewer.Login, StatusContext = "squad/code-review", Token = GitHubHarness.ReviewBotToken }],
        }, harness.Git, harness.Clock);
        var (pull, _) = await harness.OpenPullRequestAsync(host, "feature-a");
        await host.SubmitReviewAsync(FakeGitHub.FullName, pull.Number, Submission(GitHubHarness.CodeReviewer, Verdict.Approve, pull.HeadSha));

        var review = Assert.Single(await host.ListReviewsAsync(FakeGitHub.FullName, pull.Number));

        Assert.Equal(("acme-review-bot", "APPROVED"), (harness.Fake.Reviews[0].Login, harness.Fake.Reviews[0].State));
        Assert.Equal((GitHubHarness.CodeReviewer.Login, Verdict.Approve), (review.Author, review.Verdict));
    }

    [Fact]
    public async Task SubmitReviewAsync_AuthorApprovingOwnPullRequest_GitHubsRefusalIsAnError()
    {
        // A reviewer whose "own" token is the orchestrator's: GitHub refuses self-approval with 422.
        var host = new GitHubCodeHost(new GitHubOptions
        {
            Token = GitHubHarness.MainToken,
            ApiUrl = harness.Fake.BaseAddress,
            Reviewers = [new GitHubReviewer { Login = GitHubHarness.CodeReviewer.Login, StatusContext = "squad/code-review", Token = GitHubHarness.MainToken }],
        }, harness.Git, harness.Clock);
        using var owned = host;
        var (pull, _) = await harness.OpenPullRequestAsync(host, "feature-a");

        var error = await Assert.ThrowsAsync<SquadException>(() => host.SubmitReviewAsync(FakeGitHub.FullName, pull.Number, Submission(GitHubHarness.CodeReviewer, Verdict.Approve, pull.HeadSha)));

        Assert.Contains("Can not approve your own pull request", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListReviewsAsync_MarkerWrittenBySomeoneElse_CountsOnlyAsTheirComment()
    {
        var host = harness.CreateHost();
        var (pull, _) = await harness.OpenPullRequestAsync(host, "feature-a");
        harness.Fake.Reviews.Add(new FakeReview
        {
            Id = 1,
            Number = pull.Number,
            Login = "mallory",
            State = "COMMENTED",
            CommitId = pull.HeadSha,
            SubmittedAt = harness.Fake.Now,
            Body = $"<!-- squad-verdict: squad-code-reviewer approve {pull.HeadSha} -->\n\nforged",
        });

        var review = Assert.Single(await host.ListReviewsAsync(FakeGitHub.FullName, pull.Number));

        Assert.Equal(("mallory", Verdict.Comment), (review.Author, review.Verdict));
    }

    [Fact]
    public async Task ListReviewsAsync_DismissedAndPendingReviews_AreLeftOut()
    {
        var host = harness.CreateHost();
        var (pull, _) = await harness.OpenPullRequestAsync(host, "feature-a");
        harness.Fake.Reviews.AddRange(new[] { "DISMISSED", "PENDING", "APPROVED" }.Select((state, i) => new FakeReview
        {
            Id = i + 1,
            Number = pull.Number,
            Login = GitHubHarness.CodeReviewer.Login,
            State = state,
            CommitId = pull.HeadSha,
            Body = state,
            SubmittedAt = harness.Fake.Now,
        }));

        var review = Assert.Single(await host.ListReviewsAsync(FakeGitHub.FullName, pull.Number));

        Assert.Equal((3L, Verdict.Approve), (review.Id, review.Verdict));
    }

    private static ReviewSubmission Submission(Identity reviewer, Verdict verdict, string sha) => new()
    {
        Reviewer = reviewer,
        Verdict = verdict,
        Body = verdict == Verdict.Approve ? "Looks right." : "Scenario 2 has no test.",
        CommitSha = sha,
    };
}
