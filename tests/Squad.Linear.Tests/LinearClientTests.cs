using System.Globalization;
using Squad.Core;
using Squad.Linear.Tests.Fakes;

namespace Squad.Linear.Tests;

/// <summary>The wire behaviour under the tracker: auth headers, rate limits and error mapping.</summary>
public sealed class LinearClientTests : IAsyncLifetime, IAsyncDisposable
{
    private readonly LinearHarness linear = new();

    public LinearClientTests() => linear.AddIssue(1);

    public Task InitializeAsync() => Task.CompletedTask;

    // xUnit 2 calls IAsyncLifetime.DisposeAsync on a test class, never IAsyncDisposable's.
    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    public async Task DisposeAsync() => await linear.DisposeAsync();

    [Fact]
    public async Task LoadMilestoneAsync_PersonalApiKey_SendsTheRawKeyAsAuthorization()
    {
        await linear.Tracker.LoadMilestoneAsync(linear.MilestoneUrl);

        var request = Assert.Single(linear.Server.Requests);
        Assert.Equal(FakeLinearServer.ApiKey, request.Authorization);
    }

    [Fact]
    public async Task LoadMilestoneAsync_OAuthToken_SendsBearer()
    {
        await using var oauth = new LinearHarness(FakeLinearServer.OAuthToken);
        oauth.AddIssue(1);

        await oauth.Tracker.LoadMilestoneAsync(oauth.MilestoneUrl);

        Assert.Equal($"Bearer {FakeLinearServer.OAuthToken}", Assert.Single(oauth.Server.Requests).Authorization);
    }

    [Fact]
    public async Task LoadMilestoneAsync_KeyWithoutPrefixDeclaredAsApiKey_SendsItRaw()
    {
        await using var keyed = new LinearHarness("not-a-prefixed-key", o => o with { CredentialKind = LinearCredentialKind.ApiKey });

        await LinearHarness.FailsAsync(() => keyed.Tracker.LoadMilestoneAsync(keyed.MilestoneUrl));

        Assert.Equal("not-a-prefixed-key", Assert.Single(keyed.Server.Requests).Authorization);
    }

    [Fact]
    public async Task LoadMilestoneAsync_RateLimitedOnce_WaitsUntilTheResetThenSucceeds()
    {
        linear.Server.Enqueue(FakeLinearAnswers.RateLimited(LinearHarness.Start.AddSeconds(30)));

        var milestone = await linear.Tracker.LoadMilestoneAsync(linear.MilestoneUrl);

        Assert.Equal("ENG-1", Assert.Single(milestone.Issues).Identifier);
        Assert.Equal([TimeSpan.FromSeconds(30)], linear.Time.Delays);
        Assert.Equal(2, linear.RequestsFor("MilestoneIssues").Count);
    }

    [Fact]
    public async Task LoadMilestoneAsync_RateLimitedWith429AndRetryAfter_WaitsRetryAfter()
    {
        linear.Server.Enqueue(new FakeLinearAnswer(429, "", new Dictionary<string, string> { ["Retry-After"] = "12" }));

        await linear.Tracker.LoadMilestoneAsync(linear.MilestoneUrl);

        Assert.Equal([TimeSpan.FromSeconds(12)], linear.Time.Delays);
    }

    [Fact]
    public async Task LoadMilestoneAsync_ComplexityBucketEmpty_WaitsForTheComplexityReset()
    {
        var reset = LinearHarness.Start.AddSeconds(45).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var answer = FakeLinearAnswers.RateLimited(LinearHarness.Start.AddSeconds(5)) with
        {
            Headers = new Dictionary<string, string>
            {
                ["X-RateLimit-Requests-Remaining"] = "900",
                ["X-RateLimit-Requests-Reset"] = LinearHarness.Start.AddSeconds(5).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
                ["X-RateLimit-Complexity-Remaining"] = "0",
                ["X-RateLimit-Complexity-Reset"] = reset,
            },
        };
        linear.Server.Enqueue(answer);

        await linear.Tracker.LoadMilestoneAsync(linear.MilestoneUrl);

        Assert.Equal([TimeSpan.FromSeconds(45)], linear.Time.Delays);
    }

    [Fact]
    public async Task LoadMilestoneAsync_RateLimitedEveryTime_GivesUpAfterMaxAttempts()
    {
        for (var i = 0; i < 5; i++)
        {
            linear.Server.Enqueue(FakeLinearAnswers.RateLimited(LinearHarness.Start.AddMinutes(i + 1)));
        }

        var error = await LinearHarness.FailsAsync(() => linear.Tracker.LoadMilestoneAsync(linear.MilestoneUrl));

        Assert.Equal(SquadErrorCode.Integration, error.Code);
        Assert.StartsWith("Linear kept rate-limiting MilestoneIssues after 5 attempts", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, linear.Time.Delays.Count);
        Assert.Equal(5, linear.Server.Requests.Count);
    }

    [Fact]
    public async Task LoadMilestoneAsync_WrongKey_SaysToSetLinearApiKeyWithoutTheKey()
    {
        await using var wrong = new LinearHarness("lin_api_FAKEfakeWRONG");

        var error = await LinearHarness.FailsAsync(() => wrong.Tracker.LoadMilestoneAsync(wrong.MilestoneUrl));

        Assert.Equal(SquadErrorCode.Integration, error.Code);
        Assert.Equal("Linear refused the API key (401): set LINEAR_API_KEY to a valid key", error.Message);
    }

    [Fact]
    public async Task LoadMilestoneAsync_OtherGraphQLError_ShowsTheUserPresentableMessage()
    {
        linear.Server.Enqueue(FakeLinearAnswers.Error(400, "Forbidden: x", "forbidden", "FORBIDDEN", "You don't have access\nto this project."));

        var error = await LinearHarness.FailsAsync(() => linear.Tracker.LoadMilestoneAsync(linear.MilestoneUrl));

        Assert.Equal(SquadErrorCode.Integration, error.Code);
        Assert.Equal("Linear refused MilestoneIssues: You don't have access to this project.", error.Message);
    }

    [Theory]
    [InlineData(500, "<html>oops</html>", "Linear failed MilestoneIssues (500)")]
    [InlineData(502, "", "Linear failed MilestoneIssues (502)")]
    [InlineData(403, "", "Linear refused MilestoneIssues (403)")]
    [InlineData(404, "not here", "Linear answered MilestoneIssues with HTTP 404")]
    [InlineData(200, "{\"data\":null}", "Linear's answer to MilestoneIssues (HTTP 200) is not the GraphQL JSON")]
    [InlineData(200, "<html>", "Linear's answer to MilestoneIssues (HTTP 200) is not the GraphQL JSON")]
    public async Task LoadMilestoneAsync_HttpFailure_ThrowsIntegrationInOneLine(int status, string body, string start)
    {
        linear.Server.Enqueue(new FakeLinearAnswer(status, body));

        var error = await LinearHarness.FailsAsync(() => linear.Tracker.LoadMilestoneAsync(linear.MilestoneUrl));

        Assert.Equal(SquadErrorCode.Integration, error.Code);
        Assert.StartsWith(start, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadMilestoneAsync_NothingListening_SaysToCheckLinearApiUrl()
    {
        var endpoint = linear.Server.Endpoint;
        await linear.Server.DisposeAsync();
        using var http = new HttpClient();
        var tracker = new LinearTracker(
            http, new LinearOptions { Endpoint = endpoint, Credential = FakeLinearServer.ApiKey }, (_, _) => "r", TimeProvider.System);

        var error = await LinearHarness.FailsAsync(() => tracker.LoadMilestoneAsync(linear.MilestoneUrl));

        Assert.Equal(SquadErrorCode.Integration, error.Code);
        Assert.StartsWith($"could not reach Linear at {endpoint} ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadMilestoneAsync_ErrorEchoingTheKey_ScrubsIt()
    {
        linear.Server.Enqueue(FakeLinearAnswers.Error(400, "bad", "invalid input", "INPUT_ERROR", $"header {FakeLinearServer.ApiKey} is odd"));

        var error = await LinearHarness.FailsAsync(() => linear.Tracker.LoadMilestoneAsync(linear.MilestoneUrl));

        Assert.Equal("Linear refused MilestoneIssues: header *** is odd", error.Message);
    }

    [Fact]
    public async Task Logs_RateLimitAndFailureEchoingTheKey_NameTheOperationAndHoldNoKey()
    {
        linear.Server.Enqueue(FakeLinearAnswers.RateLimited(LinearHarness.Start.AddSeconds(30)));
        linear.Server.Enqueue(FakeLinearAnswers.Error(400, "bad", "invalid input", "INPUT_ERROR", $"header {FakeLinearServer.ApiKey} is odd"));

        await LinearHarness.FailsAsync(() => linear.Tracker.LoadMilestoneAsync(linear.MilestoneUrl));

        Assert.Collection(
            linear.Log.Entries,
            e => Assert.Equal("Linear rate-limited MilestoneIssues; waiting 30 s after attempt 1", e.Message),
            e => Assert.Equal("Linear failed MilestoneIssues with HTTP 400: Linear refused MilestoneIssues: header *** is odd", e.Message));
        Assert.All(linear.Log.Entries, e => Assert.DoesNotContain("FAKEfake", e.Message, StringComparison.Ordinal));
    }
}
