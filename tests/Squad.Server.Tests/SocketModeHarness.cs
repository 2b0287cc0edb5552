using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Squad.Testing;

namespace Squad.Server.Tests;

/// <summary><c>squad serve</c> in Socket Mode on a free loopback port, connected to a <see cref="FakeSocketModeSlack"/>.</summary>
internal sealed class SocketModeHarness : IAsyncDisposable
{
    private SocketModeHarness(FakeSocketModeSlack slack, WebApplication app)
    {
        Slack = slack;
        App = app;
    }

    public FakeSocketModeSlack Slack { get; }

    public WebApplication App { get; }

    /// <param name="launcher">What runs the milestones.</param>
    /// <param name="time">The server's clock; a <see cref="ManualTimeProvider"/> holds its reconnection delays until the test moves time.</param>
    /// <param name="logs">Receives every log line, at every level.</param>
    /// <param name="script">Queues answers of the fake before the server first calls it.</param>
    public static async Task<SocketModeHarness> StartAsync(
        IMilestoneLauncher launcher, TimeProvider? time = null, ILoggerProvider? logs = null, Action<FakeSocketModeSlack>? script = null)
    {
        var slack = await FakeSocketModeSlack.StartAsync();
        script?.Invoke(slack);
        var options = new SlackServerOptions
        {
            Mode = SlackConnectionMode.Socket,
            AppToken = FakeSocketModeSlack.AppToken,
            ApiBaseUrl = slack.ApiUrl,
            AllowedUsers = new HashSet<string>([SlackHarness.AllowedUser], StringComparer.Ordinal),
            Urls = ["http://127.0.0.1:0"],
        };
        var ids = 0;
        var app = SquadServer.Create(options, launcher, time ?? new FakeTimeProvider(DateTimeOffset.UtcNow), () => $"r{Interlocked.Increment(ref ids)}", logging =>
        {
            logging.ClearProviders();
            if (logs is not null)
            {
                logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
            }
        });
        await app.StartAsync();
        return new SocketModeHarness(slack, app);
    }

    public T Service<T>()
        where T : notnull
        => App.Services.GetRequiredService<T>();

    /// <summary>Sends <paramref name="envelope"/> on <paramref name="connection"/> and returns the client's acknowledgement.</summary>
    public static async Task<JsonElement> SendAsync(FakeSocketConnection connection, string envelope)
    {
        await connection.SendAsync(envelope);
        return await connection.ReceiveAsync();
    }

    /// <summary>The reply text an acknowledgement carries, checking it is ephemeral; null for a bare acknowledgement.</summary>
    public static string? ReplyText(JsonElement ack)
    {
        if (!ack.TryGetProperty("payload", out var payload))
        {
            return null;
        }

        Assert.Equal("ephemeral", payload.GetProperty("response_type").GetString());
        return payload.GetProperty("text").GetString();
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await Slack.DisposeAsync();
    }
}
