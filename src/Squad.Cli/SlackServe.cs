using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Squad.Core;
using Squad.Server;
using Squad.Server.Dashboard;
using Squad.Storage;

namespace Squad.Cli;

/// <summary><c>squad serve</c>: the Slack endpoint and health check, until Ctrl+C; runs stop resumable on the way out.</summary>
internal static class SlackServe
{
    public static async Task<int> RunAsync(ServeRequest request, Func<string, string?> environment, TextWriter error, CancellationToken cancellationToken = default)
    {
        var options = ReadOptions(request, environment);
        var runs = request.Runs with { DataDirectory = Path.GetFullPath(request.Runs.DataDirectory ?? CliHost.DefaultDataDirectory()) };
        using (var host = CliHost.Open(runs.DataDirectory))
        {
            // Roles, prices and budgets are checked now, not when the first command or sweep would fail on them.
            MilestoneRun.Compose(runs, host);
        }

        var issues = request.IssuesFolder is null ? null : Path.GetFullPath(request.IssuesFolder);
        var (launcher, store, audit) = OpenRuns(request, runs, issues);
        using var ownedStore = (IDisposable)store;
        using var ownedAudit = (IDisposable)audit;
        using var deliveries = new SqliteWebhookDeliveries(Path.Combine(runs.DataDirectory, "squad.db"), TimeProvider.System);
        var (gitHub, webhookLine) = GitHubWebhookServe.Compose(runs, options.Sweeps, request.Cluster is not null, environment, deliveries);
        if (request.Cluster is not null)
        {
            // The workers' reminders fire the sweeps once in the cluster: a serve node scheduling them too would double them.
            options = options with { Sweeps = [] };
            await error.WriteLineAsync($"squad serve: cluster mode on {Storage.Postgres.PostgresConnection.Describe(request.Cluster)}: Slack's commands go to the cluster, the dashboard reads its runs, the workers fire the sweeps");
        }

        using var clusterSwitch = request.Cluster is { } cluster ? new Storage.Postgres.PostgresKillSwitch(cluster, TimeProvider.System) : null;
        var dashboard = new DashboardOptions
        {
            Store = store,
            Audit = audit,
            KillSwitchFile = Path.Combine(runs.DataDirectory, "STOP-MERGES"),
            MergeStop = clusterSwitch is null ? null : new ClusterMergeStop(clusterSwitch),
            Token = ReadDashboardToken(environment),
        };
        // The host logs through the command's Serilog pipeline (format, level, redaction), not ASP.NET's console logger.
        await using var app = SquadServer.Create(options, launcher, logging: builder =>
        {
            builder.ClearProviders();
            builder.AddProvider(new Serilog.Extensions.Logging.SerilogLoggerProvider(Observability.CliLogging.CurrentLogger));
        }, dashboard: dashboard, gitHub: gitHub);
        await app.StartAsync(cancellationToken);
        var serving = options.Mode switch
        {
            SlackConnectionMode.Socket => "GET /healthz; slash commands over Slack Socket Mode",
            SlackConnectionMode.Off => "GET /healthz; no slash commands, scheduled sweeps only",
            _ => "POST /slack/commands, GET /healthz",
        };
        await error.WriteLineAsync($"squad serve: listening on {string.Join(", ", app.Urls)} ({serving}); Ctrl+C stops");
        await error.WriteLineAsync(dashboard.Token is null
            ? "squad serve: dashboard on GET /; its kill switch button is off (set SQUAD_DASHBOARD_TOKEN to use it)"
            : "squad serve: dashboard on GET /; its kill switch button asks for SQUAD_DASHBOARD_TOKEN");
        await error.WriteLineAsync(webhookLine);
        foreach (var sweep in options.Sweeps)
        {
            await error.WriteLineAsync($"squad serve: sweep {sweep.Name} runs on '{sweep.Cron}' ({sweep.TimeZone}): {sweep.Scope}");
        }

        if (options.AllowedUsers.Count == 0 && options.Mode != SlackConnectionMode.Off)
        {
            await error.WriteLineAsync("squad serve: no --allow-users, so nobody can start work from Slack");
        }

        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }

    /// <summary>In-process runs on SQLite, or in cluster mode the cluster's grains and its PostgreSQL.</summary>
    private static (IMilestoneLauncher Launcher, Core.Orchestration.IRunStore Store, Core.Audit.IAuditLog Audit) OpenRuns(ServeRequest request, MilestoneRunSettings runs, string? issues)
    {
        if (request.Cluster is { } connection)
        {
            return (new ClusterMilestoneLauncher(runs, issues, connection, request.DevLocalForge),
                new Storage.Postgres.PostgresRunStore(connection, TimeProvider.System), new Storage.Postgres.PostgresAuditLog(connection, TimeProvider.System));
        }

        var database = Path.Combine(runs.DataDirectory ?? CliHost.DefaultDataDirectory(), "squad.db");
        return (new CliMilestoneLauncher(runs, issues), new SqliteRunStore(database, TimeProvider.System), new SqliteAuditLog(database, TimeProvider.System));
    }

    /// <exception cref="SquadException">The mode's secret (the signing secret, or in Socket Mode the app-level token) is missing, or an address or URL is malformed.</exception>
    public static SlackServerOptions ReadOptions(ServeRequest request, Func<string, string?> environment)
    {
        var mode = ReadMode(request);
        var secret = environment("SLACK_SIGNING_SECRET");
        if (mode == SlackConnectionMode.Http && string.IsNullOrWhiteSpace(secret))
        {
            throw new SquadException(SquadErrorCode.InvalidConfiguration,
                "SLACK_SIGNING_SECRET is not set: copy the signing secret from your Slack app's Basic Information page");
        }

        var api = environment("SLACK_API_URL") is { Length: > 0 } configured ? configured : "https://slack.com/api/";
        if (!Uri.TryCreate(api.EndsWith('/') ? api : api + "/", UriKind.Absolute, out var apiUrl))
        {
            throw new SquadException(SquadErrorCode.InvalidConfiguration, $"SLACK_API_URL '{api}' is not an absolute URL");
        }

        var urls = List(request.Urls);
        if (urls.Count == 0 || urls.Any(u => !Uri.TryCreate(u, UriKind.Absolute, out _)))
        {
            throw new SquadException(SquadErrorCode.InvalidInput, $"--urls '{request.Urls}' is not a list of addresses like http://127.0.0.1:8080");
        }

        var sweeps = SweepConfiguration.Load(request.Runs.Request.ConfigFile, Path.GetFullPath(request.Runs.DataDirectory ?? CliHost.DefaultDataDirectory()));
        if (mode == SlackConnectionMode.Off && sweeps.Count == 0)
        {
            throw new SquadException(SquadErrorCode.InvalidConfiguration,
                "with --slack-mode off and no sweeps in squad.yml, squad serve would have nothing to do: add sweeps, or choose http or socket");
        }

        return new SlackServerOptions
        {
            SigningSecret = string.IsNullOrWhiteSpace(secret) ? null : secret.Trim(),
            BotToken = environment("SLACK_BOT_TOKEN") is { Length: > 0 } token ? token.Trim() : null,
            ApiBaseUrl = apiUrl,
            AllowedUsers = List(request.AllowUsers).ToHashSet(StringComparer.Ordinal),
            AllowedChannels = List(request.AllowChannels).ToHashSet(StringComparer.Ordinal),
            Urls = urls,
            Mode = mode,
            AppToken = mode == SlackConnectionMode.Socket ? ReadAppToken(environment) : null,
            Sweeps = sweeps,
        };
    }

    /// <summary><c>--slack-mode</c>, else <c>slack: mode:</c> in <c>squad.yml</c> (<c>--config</c>, or the data directory's), else HTTP.</summary>
    private static SlackConnectionMode ReadMode(ServeRequest request)
    {
        if (request.SlackMode is { } flag)
        {
            return SlackConfig.ParseMode(flag)
                ?? throw new SquadException(SquadErrorCode.InvalidInput, $"--slack-mode '{flag}' is not a mode: use http, socket or off");
        }

        var dataDirectory = Path.GetFullPath(request.Runs.DataDirectory ?? CliHost.DefaultDataDirectory());
        var file = request.Runs.Request.ConfigFile is { } configFile ? Path.GetFullPath(configFile) : Path.Combine(dataDirectory, "squad.yml");
        return SlackConfig.Load(file).Mode ?? SlackConnectionMode.Http;
    }

    private static string ReadAppToken(Func<string, string?> environment)
    {
        const string WhereToGetIt = "Slack app > Basic Information > App-Level Tokens, with the connections:write scope";
        var token = environment("SLACK_APP_TOKEN")?.Trim();
        if (string.IsNullOrEmpty(token))
        {
            throw new SquadException(SquadErrorCode.InvalidConfiguration,
                $"SLACK_APP_TOKEN is not set: Socket Mode needs an app-level token (xapp-...); create one in your {WhereToGetIt}");
        }

        if (!token.StartsWith("xapp-", StringComparison.Ordinal))
        {
            var what = token.StartsWith("xoxb-", StringComparison.Ordinal) ? "a bot token (xoxb-...)" : "not an app-level token";
            throw new SquadException(SquadErrorCode.InvalidConfiguration,
                $"SLACK_APP_TOKEN holds {what}: Socket Mode needs an app-level token (xapp-...) from your {WhereToGetIt}");
        }

        return token;
    }

    /// <summary><c>SQUAD_DASHBOARD_TOKEN</c>: what the kill switch button asks for; absent, the button is off.</summary>
    /// <exception cref="SquadException">The token is too short to resist guessing.</exception>
    public static string? ReadDashboardToken(Func<string, string?> environment)
    {
        var token = environment("SQUAD_DASHBOARD_TOKEN")?.Trim();
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        return token.Length >= 16 ? token : throw new SquadException(SquadErrorCode.InvalidConfiguration,
            "SQUAD_DASHBOARD_TOKEN is shorter than 16 characters: use a long random one, e.g. the output of 'openssl rand -hex 24'");
    }

    private static List<string> List(string? values)
        => [.. (values ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
