using Microsoft.Extensions.Hosting;
using Squad.Core;
using Squad.Server;

namespace Squad.Cli;

/// <summary><c>squad serve</c>: the Slack endpoint and health check, until Ctrl+C; runs stop resumable on the way out.</summary>
internal static class SlackServe
{
    public static async Task<int> RunAsync(ServeRequest request, Func<string, string?> environment, TextWriter error, CancellationToken cancellationToken = default)
    {
        var options = ReadOptions(request, environment);
        var launcher = new CliMilestoneLauncher(request.Runs with { DataDirectory = Path.GetFullPath(request.Runs.DataDirectory ?? CliHost.DefaultDataDirectory()) });
        await using var app = SquadServer.Create(options, launcher);
        await app.StartAsync(cancellationToken);
        await error.WriteLineAsync($"squad serve: listening on {string.Join(", ", app.Urls)} (POST /slack/commands, GET /healthz); Ctrl+C stops");
        foreach (var sweep in options.Sweeps)
        {
            await error.WriteLineAsync($"squad serve: sweep {sweep.Name} runs on '{sweep.Cron}' ({sweep.TimeZone}): {sweep.Scope}");
        }

        if (options.AllowedUsers.Count == 0)
        {
            await error.WriteLineAsync("squad serve: no --allow-users, so nobody can start work from Slack");
        }

        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }

    /// <exception cref="SquadException">The signing secret is missing, or an address or URL is malformed.</exception>
    public static SlackServerOptions ReadOptions(ServeRequest request, Func<string, string?> environment)
    {
        var secret = environment("SLACK_SIGNING_SECRET");
        if (string.IsNullOrWhiteSpace(secret))
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

        return new SlackServerOptions
        {
            SigningSecret = secret.Trim(),
            BotToken = environment("SLACK_BOT_TOKEN") is { Length: > 0 } token ? token.Trim() : null,
            ApiBaseUrl = apiUrl,
            AllowedUsers = List(request.AllowUsers).ToHashSet(StringComparer.Ordinal),
            AllowedChannels = List(request.AllowChannels).ToHashSet(StringComparer.Ordinal),
            Urls = urls,
            Sweeps = SweepConfiguration.Load(request.Runs.Request.ConfigFile, Path.GetFullPath(request.Runs.DataDirectory ?? CliHost.DefaultDataDirectory())),
        };
    }

    private static List<string> List(string? values)
        => [.. (values ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
