using Microsoft.Extensions.Logging;
using Squad.Core;
using Squad.GitHub.Tests.Fakes;
using Squad.Testing;

namespace Squad.GitHub.Tests;

/// <summary>The wire behaviour: headers, pagination, conditional reads, rate limits, failures.</summary>
public sealed class GitHubClientTests : IAsyncLifetime
{
    private GitHubHarness harness = null!;

    public async Task InitializeAsync() => harness = await GitHubHarness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task GetRepositoryAsync_AnyRequest_SendsGitHubHeadersAndBearerToken()
    {
        var host = harness.CreateHost();

        await host.GetRepositoryAsync(FakeGitHub.FullName);

        var request = Assert.Single(harness.Fake.Requests);
        Assert.Equal("application/vnd.github+json", request.Headers["Accept"]);
        Assert.Equal("2022-11-28", request.Headers["X-GitHub-Api-Version"]);
        // Octokit appends the platform and its own version to Squad's product name.
        Assert.StartsWith("squad (", request.Headers["User-Agent"], StringComparison.Ordinal);
        Assert.Contains("Octokit", request.Headers["User-Agent"], StringComparison.Ordinal);
        Assert.Equal("Bearer " + GitHubHarness.MainToken, request.Headers["Authorization"]);
    }

    [Fact]
    public async Task ListCommentsAsync_250Comments_FollowsLinkPagesOfHundred()
    {
        var host = harness.CreateHost();
        var (pull, _) = await harness.OpenPullRequestAsync(host, "many-comments");
        lock (harness.Fake.Gate)
        {
            harness.Fake.Comments.AddRange(Enumerable.Range(1, 250).Select(i => new FakeComment
            {
                Id = i,
                Number = pull.Number,
                Login = "someone",
                Body = $"comment {i}",
                CreatedAt = harness.Fake.Now,
            }));
        }

        var comments = await host.ListCommentsAsync(FakeGitHub.FullName, pull.Number);
        var again = await host.ListCommentsAsync(FakeGitHub.FullName, pull.Number);

        Assert.Equal(Enumerable.Range(1, 250).Select(i => $"comment {i}"), comments.Select(c => c.Body));
        Assert.Equal(comments, again);
        var pages = harness.Fake.Requests.Where(r => r.Path.EndsWith("/comments", StringComparison.Ordinal)).ToList();
        Assert.Equal([200, 200, 200, 304, 304, 304], pages.Select(p => p.Status));
        Assert.All(pages, p => Assert.Contains("per_page=100", p.Query, StringComparison.Ordinal));
        Assert.Contains("page=3", pages[2].Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListCommentsAsync_NextPageOnAnotherHost_RefusesToSendTheTokenThere()
    {
        var host = harness.CreateHost();
        var (pull, _) = await harness.OpenPullRequestAsync(host, "elsewhere");
        harness.Fake.Fail(new FakeFault
        {
            Method = "GET",
            PathSuffix = "/comments",
            Status = 200,
            Body = "[]",
            Headers = new Dictionary<string, string> { ["Link"] = "<https://collector.example/page2>; rel=\"next\"" },
        });

        var error = await Assert.ThrowsAsync<SquadException>(() => host.ListCommentsAsync(FakeGitHub.FullName, pull.Number));

        Assert.Contains("another host (collector.example)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListCommentsAsync_EnterpriseServerApiUrl_ReadsEveryPageUnderApiV3()
    {
        var host = harness.CreateHost(apiUrl: new Uri(harness.Fake.BaseAddress, "api/v3"));
        var (pull, _) = await harness.OpenPullRequestAsync(host, "enterprise");
        lock (harness.Fake.Gate)
        {
            harness.Fake.Comments.AddRange(Enumerable.Range(1, 150).Select(i => new FakeComment
            {
                Id = i,
                Number = pull.Number,
                Login = "someone",
                Body = $"comment {i}",
                CreatedAt = harness.Fake.Now,
            }));
        }

        var comments = await host.ListCommentsAsync(FakeGitHub.FullName, pull.Number);

        Assert.Equal(150, comments.Count);
        Assert.All(harness.Fake.Requests, r => Assert.Equal("/api/v3", r.PathBase));
    }

    [Fact]
    public async Task CommentAsync_ManyAtOnce_SendsOneWriteAtATime()
    {
        var host = harness.CreateHost();
        var (pull, _) = await harness.OpenPullRequestAsync(host, "concurrent");

        await Task.WhenAll(Enumerable.Range(1, 6).Select(i => host.CommentAsync(FakeGitHub.FullName, pull.Number, GitHubHarness.Developer, $"comment {i}")));

        Assert.Equal(6, harness.Fake.Comments.Count);
        Assert.Equal(1, harness.Fake.MaxConcurrentWrites);
    }

    [Fact]
    public async Task GetPullRequestAsync_403WithRetryAfter_WaitsThoseSecondsThenAnswers()
    {
        var host = harness.CreateHost();
        var (pull, _) = await harness.OpenPullRequestAsync(host, "retry-after");
        harness.Fake.Fail(new FakeFault
        {
            Method = "GET",
            PathSuffix = $"/pulls/{pull.Number}",
            Status = 403,
            Headers = new Dictionary<string, string> { ["retry-after"] = "7", ["x-ratelimit-remaining"] = "0", ["x-ratelimit-reset"] = "1" },
            Body = """{"message":"You have exceeded a secondary rate limit."}""",
        });

        var read = await host.GetPullRequestAsync(FakeGitHub.FullName, pull.Number);

        Assert.Equal(pull.Number, read.Number);
        Assert.Equal([TimeSpan.FromSeconds(7)], harness.Clock.Delays);
    }

    [Fact]
    public async Task GetPullRequestAsync_429WithRateLimitReset_WaitsUntilTheReset()
    {
        var host = harness.CreateHost();
        var (pull, _) = await harness.OpenPullRequestAsync(host, "reset");
        var reset = harness.Clock.GetUtcNow().AddSeconds(42).ToUnixTimeSeconds();
        harness.Fake.Fail(new FakeFault
        {
            Method = "GET",
            PathSuffix = $"/pulls/{pull.Number}",
            Status = 429,
            Headers = new Dictionary<string, string> { ["x-ratelimit-remaining"] = "0", ["x-ratelimit-reset"] = reset.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            Body = """{"message":"API rate limit exceeded"}""",
        });

        await host.GetPullRequestAsync(FakeGitHub.FullName, pull.Number);

        Assert.Equal([TimeSpan.FromSeconds(42)], harness.Clock.Delays);
    }

    [Fact]
    public async Task CommentAsync_SecondaryLimitWithoutHeaders_WaitsAMinuteThenDoubles()
    {
        var host = harness.CreateHost();
        var (pull, _) = await harness.OpenPullRequestAsync(host, "secondary");
        var limit = new FakeFault { Method = "POST", PathSuffix = "/comments", Status = 403, Body = """{"message":"You have exceeded a secondary rate limit"}""" };
        harness.Fake.Fail(limit).Fail(limit with { });

        var comment = await host.CommentAsync(FakeGitHub.FullName, pull.Number, GitHubHarness.Developer, "hello");

        Assert.Equal("hello", comment.Body);
        Assert.Equal([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2)], harness.Clock.Delays);
    }

    [Fact]
    public async Task GetRepositoryAsync_RateLimitThatNeverLifts_GivesUpAfterFiveAttempts()
    {
        var host = harness.CreateHost();
        for (var i = 0; i < 5; i++)
        {
            harness.Fake.Fail(new FakeFault { Method = "GET", PathSuffix = "/checkout", Status = 429, Headers = new Dictionary<string, string> { ["retry-after"] = "1" } });
        }

        var error = await Assert.ThrowsAsync<SquadException>(() => host.GetRepositoryAsync(FakeGitHub.FullName));

        Assert.Contains("rate limit", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, harness.Clock.Delays.Count);
        Assert.Equal(5, harness.Fake.Requests.Count);
    }

    [Fact]
    public async Task GetRepositoryAsync_RateLimited_LogsTheWaitWithoutTheToken()
    {
        using var logs = new RecordingLoggerProvider();
        using var factory = LoggerFactory.Create(builder => builder.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        using var host = new GitHubCodeHost(new GitHubOptions { Token = GitHubHarness.MainToken, ApiUrl = harness.Fake.BaseAddress }, harness.Git, harness.Clock, factory);
        harness.Fake.Fail(new FakeFault { Method = "GET", PathSuffix = "/checkout", Status = 429, Headers = new Dictionary<string, string> { ["retry-after"] = "3" } });

        await host.GetRepositoryAsync(FakeGitHub.FullName);

        var line = Assert.Single(logs.Lines);
        Assert.Contains("/repos/acme/checkout", line, StringComparison.Ordinal);
        Assert.DoesNotContain(GitHubHarness.MainToken, line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(403, """{"message":"Resource not accessible by integration"}""")]
    [InlineData(404, """{"message":"Not Found"}""")]
    [InlineData(422, """{"message":"Validation Failed"}""")]
    public async Task CommentAsync_RefusalThatIsNoRateLimit_ThrowsWithoutRetrying(int status, string body)
    {
        var host = harness.CreateHost();
        var (pull, _) = await harness.OpenPullRequestAsync(host, "refused-" + status);
        harness.Fake.Fail(new FakeFault { Method = "POST", PathSuffix = "/comments", Status = status, Body = body });

        var error = await Assert.ThrowsAsync<SquadException>(() => host.CommentAsync(FakeGitHub.FullName, pull.Number, GitHubHarness.Developer, "hello"));

        Assert.Equal(SquadErrorCode.Integration, error.Code);
        Assert.Contains($"{status}", error.Message, StringComparison.Ordinal);
        Assert.Single(harness.Fake.Requests, r => r.Method == "POST" && r.Path.EndsWith("/comments", StringComparison.Ordinal));
        Assert.Empty(harness.Clock.Delays);
    }

    [Fact]
    public async Task GetRepositoryAsync_UnknownToken_ThrowsOneLineWithoutTheToken()
    {
        const string wrong = "ghp_WrongTokenThatGitHubDoesNotKnow000000";
        var host = harness.CreateHost(token: wrong);

        var error = await Assert.ThrowsAsync<SquadException>(() => host.GetRepositoryAsync(FakeGitHub.FullName));

        Assert.Equal("GitHub refused the token (401): set GITHUB_TOKEN to a token with repo scope", error.Message);
        Assert.Equal(SquadErrorCode.Integration, error.Code);
        Assert.DoesNotContain(wrong, error.ToString(), StringComparison.Ordinal);
        Assert.Single(harness.Fake.Requests);
    }

    [Fact]
    public async Task GetPullRequestAsync_ReadTwice_SecondReadIsConditionalAndReusesTheBody()
    {
        var host = harness.CreateHost();
        var (pull, _) = await harness.OpenPullRequestAsync(host, "etag");

        var first = await host.GetPullRequestAsync(FakeGitHub.FullName, pull.Number);
        var second = await host.GetPullRequestAsync(FakeGitHub.FullName, pull.Number);

        var reads = harness.Fake.Requests.Where(r => r.Method == "GET" && r.Path.EndsWith($"/pulls/{pull.Number}", StringComparison.Ordinal)).ToList();
        Assert.Equal([200, 304], reads.Select(r => r.Status));
        Assert.False(reads[0].Headers.ContainsKey("If-None-Match"));
        Assert.StartsWith("\"", reads[1].Headers["If-None-Match"], StringComparison.Ordinal);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task GetRepositoryAsync_UnknownRepository_ThrowsInvalidInput()
    {
        var host = harness.CreateHost();

        var error = await Assert.ThrowsAsync<SquadException>(() => host.GetRepositoryAsync("acme/nothing-here"));

        Assert.Equal(SquadErrorCode.InvalidInput, error.Code);
        Assert.Contains("acme/nothing-here", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("checkout")]
    [InlineData("acme/checkout/extra")]
    [InlineData("acme/")]
    public async Task GetRepositoryAsync_NameWithoutOwner_ThrowsInvalidInputBeforeAnyRequest(string name)
    {
        var host = harness.CreateHost();

        var error = await Assert.ThrowsAsync<SquadException>(() => host.GetRepositoryAsync(name));

        Assert.Equal(SquadErrorCode.InvalidInput, error.Code);
        Assert.Empty(harness.Fake.Requests);
    }
}
