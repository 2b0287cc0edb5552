using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Squad.Storage;

namespace Squad.Server.Tests;

/// <summary><c>squad serve</c> with only its GitHub webhook, on a free loopback port, its deliveries in a real SQLite file; and a client that signs as GitHub does.</summary>
internal sealed class GitHubWebhookHarness : IAsyncDisposable
{
    public const string Secret = "It's a Secret to Everybody, 24+";

    private readonly SqliteWebhookDeliveries deliveries;

    private GitHubWebhookHarness(WebApplication app, SqliteWebhookDeliveries deliveries, LogRecorder logs)
    {
        App = app;
        this.deliveries = deliveries;
        Logs = logs;
        Http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
    }

    public WebApplication App { get; }

    public HttpClient Http { get; }

    public LogRecorder Logs { get; }

    public static GitHubWebhookVerifier Signer => new(Secret);

    public static async Task<GitHubWebhookHarness> StartAsync(string database, IRepositoryHealer healer)
    {
        var deliveries = new SqliteWebhookDeliveries(database, TimeProvider.System);
        var logs = new LogRecorder();
        var gitHub = new GitHubWebhookOptions
        {
            Secret = Secret,
            Repositories = new HashSet<string>(["acme/shop"], StringComparer.OrdinalIgnoreCase),
            Healer = healer,
            Deliveries = deliveries,
        };
        var options = new SlackServerOptions { Mode = SlackConnectionMode.Off, Urls = ["http://127.0.0.1:0"] };
        var ids = 0;
        var app = SquadServer.Create(options, new FakeLauncher(), newRunId: () => $"r{Interlocked.Increment(ref ids)}", logging: l =>
        {
            l.ClearProviders();
            l.AddProvider(logs);
        }, gitHub: gitHub);
        await app.StartAsync();
        return new GitHubWebhookHarness(app, deliveries, logs);
    }

    /// <summary>A <c>check_suite</c> or <c>workflow_run</c> payload as GitHub sends it (trimmed to the fields a reader might touch).</summary>
    public static string Run(string eventName = "check_suite", string conclusion = "failure", string branch = "main", string repository = "acme/shop") => $$"""
        {"action":"completed","{{eventName}}":{"id":1,"head_branch":"{{branch}}","head_sha":"0123456789abcdef0123456789abcdef01234567","status":"completed","conclusion":"{{conclusion}}"},
         "repository":{"id":2,"full_name":"{{repository}}","default_branch":"main"},"sender":{"login":"octocat"} }
        """;

    /// <summary>Posts <paramref name="body"/> as delivery <paramref name="delivery"/>, signed with the secret unless <paramref name="signature"/> is given ("" sends none).</summary>
    public Task<HttpResponseMessage> DeliverAsync(string delivery, string body, string eventName = "check_suite", string? signature = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "github/webhook")
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add("X-GitHub-Event", eventName);
        request.Headers.Add("X-GitHub-Delivery", delivery);
        request.Headers.Add("X-GitHub-Hook-ID", "42");
        signature ??= Signer.Sign(Encoding.UTF8.GetBytes(body));
        if (signature.Length > 0)
        {
            request.Headers.Add("X-Hub-Signature-256", signature);
        }

        return Http.SendAsync(request);
    }

    public Task<IReadOnlyList<Core.Verification.WebhookDelivery>> PendingAsync() => deliveries.ListPendingAsync();

    /// <summary>Waits until every queued run finished.</summary>
    public async Task SettleAsync()
    {
        foreach (var run in App.Services.GetRequiredService<RunRegistry>().All)
        {
            await run.Settled.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        deliveries.Dispose();
    }
}
