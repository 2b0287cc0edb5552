using Squad.Core;
using Squad.Core.Forge;
using Squad.GitHub.Tests.Fakes;
using Squad.Testing;

namespace Squad.GitHub.Tests;

/// <summary>The routes on Octokit: its connection on Squad's handler, its pagination, its typed errors in Squad's wording.</summary>
public sealed class GitHubOctokitTests : IAsyncLifetime
{
    private GitHubHarness harness = null!;

    public async Task InitializeAsync() => harness = await GitHubHarness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Theory]
    [InlineData("api/v3")]
    [InlineData("api/v3/")]
    public async Task OctokitRoutes_EnterpriseServerBaseAddress_EveryRequestGoesUnderApiV3(string root)
    {
        var host = harness.CreateHost(apiUrl: new Uri(harness.Fake.BaseAddress, root));

        var repository = await host.GetRepositoryAsync(FakeGitHub.FullName);
        var (pull, _) = await harness.OpenPullRequestAsync(host, "enterprise");
        var found = await host.FindPullRequestAsync(FakeGitHub.FullName, "enterprise");
        await host.CommentAsync(FakeGitHub.FullName, pull.Number, GitHubHarness.Developer, "hello");
        var commits = await host.ListCommitsAsync(FakeGitHub.FullName, pull.Number);

        Assert.Equal("main", repository.DefaultBranch);
        Assert.Equal(pull.Number, found?.Number);
        Assert.Single(commits);
        Assert.NotEmpty(harness.Fake.Requests);
        Assert.All(harness.Fake.Requests, r => Assert.Equal("/api/v3", r.PathBase));
    }

    [SchemaFact]
    public async Task ListCommentsAsync_ThreePages_OctokitFollowsEveryLinkWithOnlyDescribedParameters()
    {
        var host = harness.CreateHost();
        var (pull, _) = await harness.OpenPullRequestAsync(host, "pages");
        lock (harness.Fake.Gate)
        {
            harness.Fake.Comments.AddRange(Enumerable.Range(1, 201).Select(i => new FakeComment
            {
                Id = i,
                Number = pull.Number,
                Login = "someone",
                Body = $"comment {i}",
                CreatedAt = harness.Fake.Now,
            }));
        }

        var comments = await host.ListCommentsAsync(FakeGitHub.FullName, pull.Number);

        Assert.Equal(Enumerable.Range(1, 201).Select(i => $"comment {i}"), comments.Select(c => c.Body));
        var pages = harness.Fake.Requests.Where(r => r.Path.EndsWith("/comments", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, pages.Count);
        Assert.All(pages, p => Assert.DoesNotContain("sort=", p.Query, StringComparison.Ordinal));
        var (valid, report) = await OpenApiValidator.ValidateAsync(pages);
        Assert.True(valid, report);
    }

    [Fact]
    public async Task CreatePullRequestAsync_403SecondaryRateLimitWithRetryAfter_WaitsThenOpensIt()
    {
        var host = harness.CreateHost();
        var worktree = await harness.CloneAsync("limited");
        await harness.CommitAsync(worktree, "a.txt", "a\n");
        await host.PushAsync(FakeGitHub.FullName, worktree, "limited");
        harness.Fake.Fail(new FakeFault
        {
            Method = "POST",
            PathSuffix = "/pulls",
            Status = 403,
            Headers = new Dictionary<string, string> { ["Retry-After"] = "30" },
            Body = """{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}""",
        });

        var pull = await host.CreatePullRequestAsync(FakeGitHub.FullName, new NewPullRequest { Title = "Limited", Body = "b", HeadBranch = "limited", BaseBranch = "main", Author = GitHubHarness.Developer });

        Assert.Equal("limited", pull.HeadBranch);
        Assert.Equal([TimeSpan.FromSeconds(30)], harness.Clock.Delays);
        Assert.Equal([403, 201], harness.Fake.Requests.Where(r => r.Method == "POST" && r.Path.EndsWith("/pulls", StringComparison.Ordinal)).Select(r => r.Status));
    }

    [Theory]
    [InlineData(401)]
    [InlineData(422)]
    [InlineData(500)]
    public async Task CommentAsync_GitHubEchoesTheToken_TheErrorIsOneLineWithoutIt(int status)
    {
        var host = harness.CreateHost(reviewerTokens: true);
        var (pull, _) = await harness.OpenPullRequestAsync(host, "echo");
        var echo = $$"""{"message":"Bearer {{GitHubHarness.MainToken}} refused","errors":[{"message":"token {{GitHubHarness.CodeReviewerToken}}\nsecond line"}]}""";
        harness.Fake.Fail(new FakeFault { Method = "POST", PathSuffix = "/comments", Status = status, Body = echo });

        var error = await Assert.ThrowsAsync<SquadException>(() => host.CommentAsync(FakeGitHub.FullName, pull.Number, GitHubHarness.Developer, "hello"));

        Assert.Equal(SquadErrorCode.Integration, error.Code);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain(GitHubHarness.AllTokens, t => error.ToString().Contains(t, StringComparison.Ordinal));
        Assert.Contains(status == 401 ? "GITHUB_TOKEN" : "/repos/acme/checkout/issues/", error.Message, StringComparison.Ordinal);
    }
}
