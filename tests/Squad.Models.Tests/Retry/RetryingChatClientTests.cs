using System.Net;
using Microsoft.Extensions.AI;
using Squad.Core;
using Squad.Core.Models;
using Squad.Core.Security;
using Squad.Testing;

namespace Squad.Models.Tests.Retry;

public sealed class RetryingChatClientTests
{
    private readonly ManualTimeProvider clock = new();

    private RetryingChatClient Retrying(IChatClient inner, double jitter = 0)
        => new(inner, "openai", "gpt-test", new ModelFailureClassifier(clock, new SecretRedactor([])).Classify, clock, new FixedRandom(jitter));

    private static HttpRequestException Status(int status) => new("failed", null, (HttpStatusCode)status);

    [Fact]
    public async Task GetResponseAsync_TwoTransientFailures_WaitsTheBackoffAndAnswers()
    {
        var inner = new FlakyChatClient(Status(503), Status(502));
        using var client = Retrying(inner, jitter: 0.5);

        var call = client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]);
        await clock.WaitForTimerAsync(TimeSpan.FromSeconds(0.9));
        clock.Advance(TimeSpan.FromSeconds(0.9));
        await clock.WaitForTimerAsync(TimeSpan.FromSeconds(1.8));
        clock.Advance(TimeSpan.FromSeconds(1.8));
        var response = await call;

        Assert.Equal("ok", response.Text);
        Assert.Equal(3, inner.Calls);
        Assert.Equal([TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(1.8)], clock.Requested);
    }

    [Fact]
    public async Task GetResponseAsync_PermanentFailure_FailsAtOnce()
    {
        var inner = new FlakyChatClient(Status(404));
        using var client = Retrying(inner);

        var error = await Assert.ThrowsAsync<SquadException>(() => client.GetResponseAsync("hi"));

        Assert.Equal((SquadErrorCode.Model, "openai gpt-test failed: HTTP 404"), (error.Code, error.Message));
        Assert.Equal(1, inner.Calls);
        Assert.Empty(clock.Requested);
    }

    [Fact]
    public async Task GetResponseAsync_RetryAfterBeyondTheCap_FailsAtOnceAndSaysWhy()
    {
        var inner = new FlakyChatClient(new ModelHttpException("HTTP 429") { StatusCode = 429, RetryAfter = TimeSpan.FromHours(1) });
        using var client = Retrying(inner);

        var error = await Assert.ThrowsAsync<SquadException>(() => client.GetResponseAsync("hi"));

        Assert.Equal("openai gpt-test failed: HTTP 429 (it asked to retry after 3600 s, more than the 60 s Squad waits)", error.Message);
        Assert.Equal(1, inner.Calls);
    }

    [Fact]
    public async Task GetResponseAsync_NotAProviderFailure_IsRethrownAsIs()
    {
        using var client = Retrying(new FlakyChatClient(new InvalidOperationException("a bug")));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetResponseAsync("hi"));

        Assert.Equal("a bug", error.Message);
    }

    [Fact]
    public async Task GetResponseAsync_CancelledWhileWaiting_StopsWithoutAnotherAttempt()
    {
        var inner = new FlakyChatClient(Status(500));
        using var client = Retrying(inner);
        using var cancellation = new CancellationTokenSource();

        var call = client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: cancellation.Token);
        await clock.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(1, inner.Calls);
    }
}
