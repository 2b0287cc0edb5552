using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Squad.Core.Security;
using Squad.Server.Dashboard;

namespace Squad.Server;

/// <summary>
/// The <c>squad serve</c> host: <c>POST /slack/commands</c>, <c>GET /healthz</c>, the web dashboard, <c>POST /github/webhook</c>
/// when configured, and the background worker that runs what Slack, the schedules and the webhook ask for. Scheduled sweeps will be a further hosted service next to <see cref="RunWorker"/>. In Socket
/// Mode, <see cref="SocketModeClient"/> receives the commands instead and <c>/slack/commands</c> is not mapped.
/// </summary>
public static class SquadServer
{
    /// <summary>How long shutdown waits for the running milestone to settle after cancelling it.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Builds the host; start it with <c>RunAsync</c> or <c>StartAsync</c>.</summary>
    /// <param name="options">Slack secrets, allow-lists and listening addresses.</param>
    /// <param name="launcher">What runs a milestone.</param>
    /// <param name="time">The clock for signatures, replays and Slack's limits (the system clock by default).</param>
    /// <param name="newRunId">Makes the ids of runs started from Slack (random by default).</param>
    /// <param name="logging">Adjusts logging (tests quieten it).</param>
    /// <param name="dashboard">The store the web dashboard (<c>GET /</c>, <c>/api/runs</c>) reads, and its kill switch; null serves none.</param>
    /// <param name="gitHub">The GitHub webhook (<c>POST /github/webhook</c>) and what it heals; null serves none.</param>
    public static WebApplication Create(
        SlackServerOptions options,
        IMilestoneLauncher launcher,
        TimeProvider? time = null,
        Func<string>? newRunId = null,
        Action<ILoggingBuilder>? logging = null,
        DashboardOptions? dashboard = null,
        GitHubWebhookOptions? gitHub = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        CheckCredentials(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls([.. options.Urls]);
        logging?.Invoke(builder.Logging);
        AddServices(builder.Services, options, launcher, time ?? TimeProvider.System, newRunId ?? RunRegistry.RandomId, dashboard?.Token);
        if (gitHub is not null)
        {
            AddGitHubWebhook(builder.Services, gitHub);
        }

        var app = builder.Build();
        app.MapGet("/healthz", () => Results.Json(new HealthReport { Status = "ok", Version = Version }, ServerJsonContext.Default.HealthReport));
        if (dashboard is not null)
        {
            DashboardEndpoints.Map(app, dashboard, time ?? TimeProvider.System);
        }

        if (gitHub is not null)
        {
            app.MapPost("/github/webhook", (HttpRequest request, GitHubWebhookEndpoint endpoint, CancellationToken cancellationToken) => endpoint.HandleAsync(request, cancellationToken));
        }

        if (options.Mode != SlackConnectionMode.Http)
        {
            // In Socket Mode Slack sends no HTTP requests: the commands come over the socket. Off: no commands at all.
            return app;
        }

        app.MapPost("/slack/commands", (HttpRequest request, SlackCommandEndpoint endpoint, CancellationToken cancellationToken) => endpoint.HandleAsync(request, cancellationToken));

        // Slack checks the certificate with GET ?ssl_check=1 and wants a 200.
        app.MapGet("/slack/commands", () => Results.Ok());
        return app;
    }

    private static void CheckCredentials(SlackServerOptions options)
    {
        if (options.Mode == SlackConnectionMode.Socket && string.IsNullOrEmpty(options.AppToken))
        {
            throw new ArgumentException("Socket Mode needs the app-level token (AppToken)", nameof(options));
        }

        if (options.Mode == SlackConnectionMode.Http && string.IsNullOrEmpty(options.SigningSecret))
        {
            throw new ArgumentException("HTTP mode needs the signing secret (SigningSecret)", nameof(options));
        }
    }

    private static string Version
        => typeof(SquadServer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private static void AddServices(
        IServiceCollection services, SlackServerOptions options, IMilestoneLauncher launcher, TimeProvider time, Func<string> newRunId, string? dashboardToken)
    {
        services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        services.AddSingleton(options);
        services.AddSingleton(launcher);
        services.AddSingleton(time);
        services.AddSingleton(new SecretRedactor(SecretRedactor.SecretVariables
            .Select(Environment.GetEnvironmentVariable).OfType<string>()
            .Concat([options.SigningSecret ?? "", options.BotToken ?? "", options.AppToken ?? "", dashboardToken ?? ""])));
        if (options.SigningSecret is { } signingSecret)
        {
            services.AddSingleton(new SlackSignatureVerifier(signingSecret, time));
        }

        services.AddSingleton(new RunRegistry(newRunId));
        services.AddSingleton<ReplayGuard>();
        services.AddSingleton<SlackCommandHandler>();
        services.AddSingleton<SlackCommandEndpoint>();
        services.AddSingleton<RunNotifierFactory>();
        services.AddHostedService<RunWorker>();
        services.AddHostedService<SweepScheduler>();
        services.AddHttpClient<SlackResponseClient>(http => http.Timeout = TimeSpan.FromSeconds(10));
        services.AddHttpClient<SlackApiClient>(http =>
        {
            http.BaseAddress = options.ApiBaseUrl;
            http.Timeout = TimeSpan.FromSeconds(10);
            if (options.BotToken is { } token)
            {
                http.DefaultRequestHeaders.Authorization = new("Bearer", token);
            }
        });
        if (options.Mode == SlackConnectionMode.Socket)
        {
            AddSocketMode(services, options);
        }
    }

    private static void AddGitHubWebhook(IServiceCollection services, GitHubWebhookOptions gitHub)
    {
        services.AddSingleton(gitHub);
        services.AddSingleton<GitHubHealRuns>();
        services.AddHostedService(provider => provider.GetRequiredService<GitHubHealRuns>());
        services.AddSingleton<GitHubWebhookEndpoint>();
    }

    private static void AddSocketMode(IServiceCollection services, SlackServerOptions options)
    {
        services.AddSingleton<SlackConnectionsClient>();
        services.AddSingleton<SocketModeEnvelopeHandler>();
        services.AddHostedService<SocketModeClient>();
        services.AddHttpClient(SlackConnectionsClient.HttpClientName, http =>
        {
            http.BaseAddress = options.ApiBaseUrl;
            http.Timeout = TimeSpan.FromSeconds(10);
            http.DefaultRequestHeaders.Authorization = new("Bearer", options.AppToken);
        });
    }
}
