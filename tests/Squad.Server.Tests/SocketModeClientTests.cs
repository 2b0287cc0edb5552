using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using Squad.Core.Security;
using Squad.Testing;

namespace Squad.Server.Tests;

public sealed class SocketModeClientTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task SlashCommand_AllowedUser_IsAcknowledgedWithTheReplyAndTheRunStarts()
    {
        var launcher = new FakeLauncher();
        await using var harness = await SocketModeHarness.StartAsync(launcher);
        var connection = await harness.Slack.NextConnectionAsync();

        var clock = Stopwatch.StartNew();
        var ack = await SocketModeHarness.SendAsync(connection, SocketModeEnvelopes.SlashCommand("env-1", "run ./milestone"));
        clock.Stop();

        Assert.Equal("env-1", ack.GetProperty("envelope_id").GetString());
        Assert.StartsWith("Started run r1 for ./milestone", SocketModeHarness.ReplyText(ack), StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"acknowledged after {clock.Elapsed}");
        await launcher.Running.Task.WaitAsync(Wait);
        Assert.Equal(["./milestone"], launcher.Started);
        Assert.Equal(["Bearer " + FakeSocketModeSlack.AppToken], harness.Slack.OpenRequests);
    }

    [Fact]
    public async Task SlashCommand_UserNotOnAllowList_GetsPoliteRefusalInTheAckAndNothingStarts()
    {
        var launcher = new FakeLauncher();
        await using var harness = await SocketModeHarness.StartAsync(launcher);
        var connection = await harness.Slack.NextConnectionAsync();

        var ack = await SocketModeHarness.SendAsync(connection, SocketModeEnvelopes.SlashCommand("env-1", "run ./milestone", user: "U0STRANGER"));

        Assert.Equal("env-1", ack.GetProperty("envelope_id").GetString());
        var reply = SocketModeHarness.ReplyText(ack);
        Assert.StartsWith("Sorry, you are not on this Squad's allow-list", reply, StringComparison.Ordinal);
        Assert.Contains("U0STRANGER", reply, StringComparison.Ordinal);
        Assert.Empty(harness.Service<RunRegistry>().All);
        Assert.Empty(launcher.Started);
    }

    [Fact]
    public async Task SlashCommand_RedeliveredWithTheSameEnvelopeId_IsAcknowledgedAndStartsNothingNew()
    {
        var launcher = new FakeLauncher();
        await using var harness = await SocketModeHarness.StartAsync(launcher);
        var connection = await harness.Slack.NextConnectionAsync();
        var first = await SocketModeHarness.SendAsync(connection, SocketModeEnvelopes.SlashCommand("env-1", "run ./milestone"));
        await launcher.Running.Task.WaitAsync(Wait);

        var redelivered = await SocketModeHarness.SendAsync(connection, SocketModeEnvelopes.SlashCommand("env-1", "run ./milestone", retryAttempt: 1));

        Assert.StartsWith("Started run r1", SocketModeHarness.ReplyText(first), StringComparison.Ordinal);
        Assert.Equal("env-1", redelivered.GetProperty("envelope_id").GetString());
        Assert.Null(SocketModeHarness.ReplyText(redelivered));
        Assert.Single(harness.Service<RunRegistry>().All);
        Assert.Equal(["./milestone"], launcher.Started);
    }

    [Fact]
    public async Task SlashCommand_RetriedUnderANewEnvelopeIdWithTheSameTrigger_StartsNothingNew()
    {
        var launcher = new FakeLauncher();
        await using var harness = await SocketModeHarness.StartAsync(launcher);
        var connection = await harness.Slack.NextConnectionAsync();
        await SocketModeHarness.SendAsync(connection, SocketModeEnvelopes.SlashCommand("env-1", "run ./milestone", triggerId: "trigger-7"));

        var retried = await SocketModeHarness.SendAsync(connection, SocketModeEnvelopes.SlashCommand("env-2", "run ./milestone", retryAttempt: 1, triggerId: "trigger-7"));
        var another = await SocketModeHarness.SendAsync(connection, SocketModeEnvelopes.SlashCommand("env-3", "status"));

        Assert.Equal("env-2", retried.GetProperty("envelope_id").GetString());
        Assert.Null(SocketModeHarness.ReplyText(retried));
        Assert.StartsWith("r1 ", SocketModeHarness.ReplyText(another), StringComparison.Ordinal);
        Assert.Single(harness.Service<RunRegistry>().All);
    }

    [Fact]
    public async Task OtherEnvelopesAndMalformedMessages_AreAcknowledgedOrSkippedAndTheConnectionGoesOn()
    {
        var launcher = new FakeLauncher();
        await using var harness = await SocketModeHarness.StartAsync(launcher);
        var connection = await harness.Slack.NextConnectionAsync();

        await connection.SendAsync("this is not JSON");
        var events = await SocketModeHarness.SendAsync(connection, SocketModeEnvelopes.EventsApi("env-events"));
        var help = await SocketModeHarness.SendAsync(connection, SocketModeEnvelopes.SlashCommand("env-help", "help"));

        Assert.Equal("env-events", events.GetProperty("envelope_id").GetString());
        Assert.False(events.TryGetProperty("payload", out _));
        Assert.Equal("env-help", help.GetProperty("envelope_id").GetString());
        Assert.Contains("/squad run <milestone URL or folder>", SocketModeHarness.ReplyText(help), StringComparison.Ordinal);
        Assert.Empty(harness.Service<RunRegistry>().All);
        Assert.Empty(launcher.Started);
    }

    [Fact]
    public async Task Disconnect_ClosesAndReconnectsWithAFreshUrl_AndCommandsWorkOnTheNewConnection()
    {
        var launcher = new FakeLauncher();
        await using var harness = await SocketModeHarness.StartAsync(launcher);
        var first = await harness.Slack.NextConnectionAsync();

        await first.SendAsync(SocketModeEnvelopes.Disconnect());
        var closed = await first.Closed.WaitAsync(Wait);
        var second = await harness.Slack.NextConnectionAsync();
        var ack = await SocketModeHarness.SendAsync(second, SocketModeEnvelopes.SlashCommand("env-2", "run ./milestone"));

        Assert.Equal(WebSocketCloseStatus.NormalClosure, closed);
        Assert.Equal("1", first.Number);
        Assert.Equal("2", second.Number);
        Assert.Equal(2, harness.Slack.OpenRequests.Count);
        Assert.StartsWith("Started run r1", SocketModeHarness.ReplyText(ack), StringComparison.Ordinal);
        await launcher.Running.Task.WaitAsync(Wait);
        Assert.Equal(["./milestone"], launcher.Started);
    }

    [Fact]
    public async Task ConnectionsOpen_InvalidAuth_IsLoggedAndRetriedWithGrowingBackoff_AndTheHostKeepsServing()
    {
        var time = new ManualTimeProvider();
        using var logs = new RecordingLoggerProvider();
        await using var harness = await SocketModeHarness.StartAsync(new FakeLauncher(), time, logs, slack =>
        {
            slack.AnswerNextOpen(200, """{"ok":false,"error":"invalid_auth"}""");
            slack.AnswerNextOpen(200, """{"ok":false,"error":"invalid_auth"}""");
        });

        await time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        using var http = new HttpClient { BaseAddress = new Uri(harness.App.Urls.Single()) };
        using var health = await http.GetAsync("healthz");
        time.Advance(TimeSpan.FromSeconds(1));
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        time.Advance(TimeSpan.FromSeconds(2));
        var connection = await harness.Slack.NextConnectionAsync();
        var ack = await SocketModeHarness.SendAsync(connection, SocketModeEnvelopes.SlashCommand("env-1", "help"));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(3, harness.Slack.OpenRequests.Count);
        Assert.Contains("/squad run", SocketModeHarness.ReplyText(ack), StringComparison.Ordinal);
        var refusals = logs.Lines.Where(l => l.Contains("Slack refused SLACK_APP_TOKEN (invalid_auth)", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, refusals.Count);
        Assert.StartsWith("Error ", refusals[0], StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Lines, l => l.Contains(FakeSocketModeSlack.AppToken, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConnectionsOpen_RateLimited_WaitsAsRetryAfterSays()
    {
        var time = new ManualTimeProvider();
        await using var harness = await SocketModeHarness.StartAsync(new FakeLauncher(), time, script: slack =>
            slack.AnswerNextOpen(429, """{"ok":false,"error":"ratelimited"}""", retryAfter: "7"));

        await time.WaitForTimerAsync(TimeSpan.FromSeconds(7));
        Assert.Single(harness.Slack.OpenRequests);
        time.Advance(TimeSpan.FromSeconds(7));
        var connection = await harness.Slack.NextConnectionAsync();

        Assert.Equal(2, harness.Slack.OpenRequests.Count);
        Assert.Equal("2", connection.Number);
    }

    [Fact]
    public async Task ConnectionDropped_ReconnectsAfterTheBackoff_AndCommandsWorkAgain()
    {
        var time = new ManualTimeProvider();
        using var logs = new RecordingLoggerProvider();
        var launcher = new FakeLauncher();
        await using var harness = await SocketModeHarness.StartAsync(launcher, time, logs);
        var first = await harness.Slack.NextConnectionAsync();
        await SocketModeHarness.SendAsync(first, SocketModeEnvelopes.SlashCommand("env-1", "help"));

        first.Drop();
        await time.WaitForTimerAsync(SocketModeClient.FirstBackoff);
        time.Advance(SocketModeClient.FirstBackoff);
        var second = await harness.Slack.NextConnectionAsync();
        var ack = await SocketModeHarness.SendAsync(second, SocketModeEnvelopes.SlashCommand("env-2", "run ./milestone"));

        Assert.Equal("2", second.Number);
        Assert.StartsWith("Started run r1", SocketModeHarness.ReplyText(ack), StringComparison.Ordinal);
        Assert.Contains(logs.Lines, l => l.Contains("Lost the Slack Socket Mode connection; reconnecting in 00:00:01", StringComparison.Ordinal));
        await launcher.Running.Task.WaitAsync(Wait);
    }

    [Fact]
    public async Task StopHost_Connected_ClosesTheSocketNormallyWithoutErrors()
    {
        using var logs = new RecordingLoggerProvider();
        var harness = await SocketModeHarness.StartAsync(new FakeLauncher(), logs: logs);
        var connection = await harness.Slack.NextConnectionAsync();
        await SocketModeHarness.SendAsync(connection, SocketModeEnvelopes.SlashCommand("env-1", "help"));

        await harness.DisposeAsync();

        Assert.Equal(WebSocketCloseStatus.NormalClosure, await connection.Closed.WaitAsync(Wait));
        Assert.Single(harness.Slack.OpenRequests);
        Assert.Contains(logs.Lines, l => l.Contains("Closed the Slack Socket Mode connection", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Warning", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SocketMode_HttpHostServesHealthzButNoSlackEndpoint()
    {
        await using var harness = await SocketModeHarness.StartAsync(new FakeLauncher());
        using var http = new HttpClient { BaseAddress = new Uri(harness.App.Urls.Single()) };

        using var health = await http.GetAsync("healthz");
        using var command = await http.PostAsync("slack/commands", new StringContent(SlackHarness.Form("run ./milestone")));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, command.StatusCode);
    }

    [Fact]
    public async Task SocketMode_AppToken_IsAConfiguredSecretOfTheRedactor()
    {
        await using var harness = await SocketModeHarness.StartAsync(new FakeLauncher());
        var redactor = harness.Service<SecretRedactor>();

        Assert.True(redactor.ContainsSecret($"token {FakeSocketModeSlack.AppToken} leaked"));
        Assert.DoesNotContain(FakeSocketModeSlack.AppToken, redactor.Redact($"token {FakeSocketModeSlack.AppToken} leaked"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SlackConnectionMode.Socket, "AppToken")]
    [InlineData(SlackConnectionMode.Http, "SigningSecret")]
    public void Create_ModeWithoutItsCredential_Throws(SlackConnectionMode mode, string missing)
    {
        var error = Assert.Throws<ArgumentException>(() => SquadServer.Create(new SlackServerOptions { Mode = mode }, new FakeLauncher()));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(4, 8)]
    [InlineData(7, 60)]
    [InlineData(1000, 60)]
    public void Backoff_DoublesFromOneSecondUpToAMinute(int failures, int seconds)
        => Assert.Equal(TimeSpan.FromSeconds(seconds), SocketModeClient.Backoff(failures));
}
