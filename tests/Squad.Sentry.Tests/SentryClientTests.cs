using Squad.Core;
using Squad.Testing;

namespace Squad.Sentry.Tests;

public sealed class SentryClientTests
{
    private const string Token = "sntryu_0123456789abcdef0123456789abcdef";
    private static readonly Uri Link = new("https://sentry.example.com/organizations/acme/issues/4711/");

    [Fact]
    public async Task ReadLatestEventAsync_DotNetException_RendersTheTraceInnermostFrameFirstMarkingAppFrames()
    {
        await using var sentry = LoopbackServer.Start();
        sentry.Enqueue(LoopbackResponse.Json(SentryWire.CartRemoveEvent));
        using var http = new HttpClient();

        var text = await Client(http, sentry).ReadLatestEventAsync(Link);

        Assert.Equal("""
            InvalidOperationException: Sequence contains no matching element
            System.InvalidOperationException: Sequence contains no matching element
               at System.Linq.ThrowHelper.ThrowNoMatchException
               at System.Linq.Enumerable.First
               at Checkout.Cart.Remove in Cart.cs:line 23  [app]
               at Checkout.Api.CartEndpoints.RemoveItem in CartEndpoints.cs:line 41  [app]
               at Microsoft.AspNetCore.Http.RequestDelegateFactory.ExecuteTaskResult
            """.ReplaceLineEndings("\n"), text.ReplaceLineEndings("\n"));
        var request = Assert.Single(sentry.Requests);
        Assert.Equal(("GET", "/api/0/organizations/acme/issues/4711/events/latest/"), (request.Method, request.Path));
        Assert.Equal("Bearer " + Token, request.Headers["Authorization"]);
    }

    [Fact]
    public async Task ReadLatestEventAsync_ChainedExceptions_ShowsTheRaisedOneFirstThenItsCause()
    {
        await using var sentry = LoopbackServer.Start();
        sentry.Enqueue(LoopbackResponse.Json("""
            {"title":"TimeoutError","entries":[{"type":"exception","data":{"values":[
              {"type":"OSError","value":"connection reset","module":null,"stacktrace":null},
              {"type":"TimeoutError","value":"payment gateway timed out","stacktrace":{"frames":[{"function":"charge","filename":"payments.py","lineNo":88,"inApp":true}]}}]}}]}
            """));
        using var http = new HttpClient();

        var text = await Client(http, sentry).ReadLatestEventAsync(Link);

        Assert.Equal(
            ["TimeoutError", "TimeoutError: payment gateway timed out", "   at charge in payments.py:line 88  [app]", "caused by OSError: connection reset"],
            text.ReplaceLineEndings("\n").Split('\n'));
    }

    [Theory]
    [InlineData(401, "SENTRY_AUTH_TOKEN is not valid for organization 'acme' (it needs the event:read scope)")]
    [InlineData(403, "SENTRY_AUTH_TOKEN is not valid for organization 'acme'")]
    [InlineData(404, "Sentry has no issue 4711 in organization 'acme'")]
    [InlineData(429, "rate limit")]
    [InlineData(502, "Sentry answered 502 for issue 4711")]
    public async Task ReadLatestEventAsync_Refused_FailsWithOneLineThatNeverShowsTheToken(int status, string expected)
    {
        await using var sentry = LoopbackServer.Start();
        sentry.Enqueue(LoopbackResponse.Error(status, """{"detail":"nope"}"""));
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<SquadException>(() => Client(http, sentry).ReadLatestEventAsync(Link));

        Assert.Equal(SquadErrorCode.Integration, error.Code);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task ReadLatestEventAsync_BodyThatIsNotAnEvent_FailsWithOneLine()
    {
        await using var sentry = LoopbackServer.Start();
        sentry.Enqueue(LoopbackResponse.Json("""{"entries": "not a list"}"""));
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<SquadException>(() => Client(http, sentry).ReadLatestEventAsync(Link));

        Assert.StartsWith("Sentry answered with JSON that is not an event", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromEnvironment_NoToken_IsNullSoLinksStayText()
    {
        Assert.Null(SentryOptions.FromEnvironment(_ => null));
        Assert.Null(SentryOptions.FromEnvironment(name => name == "SENTRY_AUTH_TOKEN" ? "  " : null));
    }

    [Fact]
    public void FromEnvironment_MalformedApiUrl_FailsNamingTheVariable()
    {
        var error = Assert.Throws<SquadException>(() => SentryOptions.FromEnvironment(name => name switch
        {
            "SENTRY_AUTH_TOKEN" => Token,
            "SENTRY_API_URL" => "sentry.example.com",
            _ => null,
        }));

        Assert.Equal(SquadErrorCode.InvalidConfiguration, error.Code);
        Assert.StartsWith("SENTRY_API_URL 'sentry.example.com' is not an absolute http(s) URL", error.Message, StringComparison.Ordinal);
    }

    private static SentryClient Client(HttpClient http, LoopbackServer sentry)
        => new(http, new SentryOptions { AuthToken = Token, ApiUrl = sentry.BaseAddress });
}
