using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Squad.Testing;

namespace Squad.Server.Tests;

/// <summary><c>squad serve</c> on a free loopback port, and a client that signs slash commands as Slack does.</summary>
internal sealed class SlackHarness : IAsyncDisposable
{
    /// <summary>Slack's published example secret (reference/slack.md).</summary>
    public const string SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";

    public const string AllowedUser = "U0ALLOWED";

    private SlackHarness(WebApplication app, FakeTimeProvider time, HttpClient http)
    {
        App = app;
        Time = time;
        Http = http;
    }

    public WebApplication App { get; }

    public FakeTimeProvider Time { get; }

    public HttpClient Http { get; }

    public SlackSignatureVerifier Signer => new(SigningSecret, Time);

    public static async Task<SlackHarness> StartAsync(
        IMilestoneLauncher launcher, FakeTimeProvider? time = null, Func<SlackServerOptions, SlackServerOptions>? configure = null)
    {
        time ??= new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = new SlackServerOptions
        {
            SigningSecret = SigningSecret,
            AllowedUsers = new HashSet<string>([AllowedUser], StringComparer.Ordinal),
            Urls = ["http://127.0.0.1:0"],
        };
        var ids = 0;
        var app = SquadServer.Create(configure?.Invoke(options) ?? options, launcher, time, () => $"r{Interlocked.Increment(ref ids)}", l => l.ClearProviders());
        await app.StartAsync();
        return new SlackHarness(app, time, new HttpClient { BaseAddress = new Uri(app.Urls.Single()) });
    }

    public T Service<T>()
        where T : notnull
        => App.Services.GetRequiredService<T>();

    /// <summary>The form Slack posts for <c>/squad {text}</c>.</summary>
    public static string Form(string text, string user = AllowedUser, string channel = "C0CHANNEL", Uri? responseUrl = null)
        => string.Join('&',
            "token=deprecated", "team_id=T1", "team_domain=team", $"channel_id={channel}", "channel_name=general",
            $"user_id={user}", "user_name=someone", "command=%2Fsquad", $"text={Uri.EscapeDataString(text)}",
            $"response_url={Uri.EscapeDataString(responseUrl?.ToString() ?? "http://127.0.0.1:9/commands/T1/1/x")}",
            "trigger_id=1.2.3", "api_app_id=A1");

    public Task<HttpResponseMessage> CommandAsync(string text, string user = AllowedUser, Uri? responseUrl = null)
        => PostAsync(Form(text, user, responseUrl: responseUrl));

    /// <summary>Posts <paramref name="body"/> signed for now, unless a timestamp or signature is given.</summary>
    public Task<HttpResponseMessage> PostAsync(string body, string? timestamp = null, string? signature = null, int? retry = null)
    {
        timestamp ??= Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        signature ??= Signer.Sign(timestamp, Encoding.UTF8.GetBytes(body));
        var request = new HttpRequestMessage(HttpMethod.Post, "slack/commands")
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/x-www-form-urlencoded")),
        };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", signature);
        if (retry is { } number)
        {
            request.Headers.Add("X-Slack-Retry-Num", number.ToString(CultureInfo.InvariantCulture));
        }

        return Http.SendAsync(request);
    }

    /// <summary>The reply text of an acknowledgement, or "" for an empty one.</summary>
    public static async Task<string> ReplyTextAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (body.Length == 0)
        {
            return "";
        }

        using var json = System.Text.Json.JsonDocument.Parse(body);
        Assert.Equal("ephemeral", json.RootElement.GetProperty("response_type").GetString());
        return json.RootElement.GetProperty("text").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
