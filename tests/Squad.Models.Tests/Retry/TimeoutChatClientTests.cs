using Microsoft.Extensions.AI;
using Squad.Core;
using Squad.Core.Models;
using Squad.Testing;

namespace Squad.Models.Tests.Retry;

public sealed class TimeoutChatClientTests
{
    private readonly ManualTimeProvider clock = new();

    [Fact]
    public async Task GetResponseAsync_NoAnswerWithinTheLimit_FailsAsATimedOutModelCall()
    {
        using var client = new TimeoutChatClient(new HangingChatClient(), "anthropic", null, clock);

        var call = client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]);
        await clock.WaitForTimerAsync(TimeSpan.FromMinutes(5));
        clock.Advance(TimeSpan.FromMinutes(5));

        var error = await Assert.ThrowsAsync<SquadException>(() => call);
        Assert.Equal((SquadErrorCode.Model, "anthropic call timed out after 300 s"), (error.Code, error.Message));
    }

    [Fact]
    public async Task GetResponseAsync_CallerCancels_StaysACancellation()
    {
        using var client = new TimeoutChatClient(new HangingChatClient(), "openai", TimeSpan.FromSeconds(30), clock);
        using var cancellation = new CancellationTokenSource();

        var call = client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: cancellation.Token);
        await clock.WaitForTimerAsync(TimeSpan.FromSeconds(30));
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task GetResponseAsync_AnswerWithinTheLimit_PassesThrough()
    {
        using var client = new TimeoutChatClient(new FlakyChatClient(), "openai", TimeSpan.FromSeconds(30), clock);

        var response = await client.GetResponseAsync("hi");

        Assert.Equal("ok", response.Text);
    }
}
