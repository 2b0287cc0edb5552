using System.Globalization;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Squad.Server.Tests;

/// <summary>
/// Slack's side of Socket Mode on loopback, a Kestrel app: <c>POST /api/apps.connections.open</c> checks the app token
/// and hands out <c>ws://127.0.0.1:PORT/socket?n=N</c> (or the answers a test queued); each WebSocket on
/// <c>/socket</c> gets <c>hello</c> and is then handed to the test as a <see cref="FakeSocketConnection"/>.
/// </summary>
internal sealed class FakeSocketModeSlack : IAsyncDisposable
{
    public const string AppToken = "xapp-1-A0SOCKET-1234567890-0123456789abcdef0123456789abcdef";

    private readonly Lock gate = new();
    private readonly Queue<(int Status, string Body, string? RetryAfter)> answers = new();
    private readonly List<string> authorizations = [];
    private readonly Channel<FakeSocketConnection> connections = Channel.CreateUnbounded<FakeSocketConnection>();
    private WebApplication? app;

    /// <summary>The Web API root to configure as <see cref="SlackServerOptions.ApiBaseUrl"/>.</summary>
    public Uri ApiUrl => new(new Uri(App.Urls.Single()), "api/");

    /// <summary>The <c>Authorization</c> header of each <c>apps.connections.open</c> call, oldest first.</summary>
    public IReadOnlyList<string> OpenRequests
    {
        get
        {
            lock (gate)
            {
                return [.. authorizations];
            }
        }
    }

    private WebApplication App => app ?? throw new InvalidOperationException("the fake is not started");

    public static async Task<FakeSocketModeSlack> StartAsync()
    {
        var fake = new FakeSocketModeSlack();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.UseWebSockets();
        app.MapPost("/api/apps.connections.open", context => fake.OpenAsync(context));
        app.Map("/socket", context => fake.AcceptAsync(context));
        await app.StartAsync();
        fake.app = app;
        return fake;
    }

    /// <summary>Queues the answer to the next <c>apps.connections.open</c> instead of a URL.</summary>
    public void AnswerNextOpen(int status, string body, string? retryAfter = null)
    {
        lock (gate)
        {
            answers.Enqueue((status, body, retryAfter));
        }
    }

    /// <summary>The next connection the client opens (after its <c>hello</c> was sent), waited for up to 10 s.</summary>
    public Task<FakeSocketConnection> NextConnectionAsync()
        => connections.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }

    private async Task OpenAsync(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        (int Status, string Body, string? RetryAfter) answer;
        lock (gate)
        {
            authorizations.Add(authorization);
            if (!answers.TryDequeue(out answer))
            {
                var url = $"ws://{context.Request.Host}/socket?n={authorizations.Count.ToString(CultureInfo.InvariantCulture)}";
                answer = authorization == "Bearer " + AppToken
                    ? (200, $$"""{"ok":true,"url":"{{url}}"}""", null)
                    : (200, """{"ok":false,"error":"invalid_auth"}""", null);
            }
        }

        context.Response.StatusCode = answer.Status;
        if (answer.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer.Body);
    }

    private async Task AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, App.Lifetime.ApplicationStopping);
        using var connection = new FakeSocketConnection(socket, context.Request.Query["n"].ToString(), context.Abort);
        await connection.SendAsync(SocketModeEnvelopes.Hello);
        connections.Writer.TryWrite(connection);
        await connection.ReceiveAllAsync(ending.Token);
    }
}
