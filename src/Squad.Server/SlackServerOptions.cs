namespace Squad.Server;

/// <summary>How <c>squad serve</c> talks to Slack and who may start work.</summary>
public sealed record SlackServerOptions
{
    /// <summary>Slack's signing secret (<c>SLACK_SIGNING_SECRET</c>); required in <see cref="SlackConnectionMode.Http"/> mode.</summary>
    public string? SigningSecret { get; init; }

    /// <summary>A bot token (<c>SLACK_BOT_TOKEN</c>) for progress threads through <c>chat.postMessage</c>, or null.</summary>
    public string? BotToken { get; init; }

    /// <summary>Slack's Web API root (<c>SLACK_API_URL</c>); <c>chat.postMessage</c> and <c>apps.connections.open</c> are posted under it.</summary>
    public Uri ApiBaseUrl { get; init; } = new("https://slack.com/api/");

    /// <summary>The Slack user ids that may start, stop and inspect work. Empty: nobody.</summary>
    public IReadOnlySet<string> AllowedUsers { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>When not empty, work may only be started from these channel ids.</summary>
    public IReadOnlySet<string> AllowedChannels { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The addresses to listen on (<c>http://127.0.0.1:8080</c>).</summary>
    public IReadOnlyList<string> Urls { get; init; } = ["http://127.0.0.1:8080"];

    /// <summary>Whether commands come over HTTP (the default) or over a Socket Mode connection.</summary>
    public SlackConnectionMode Mode { get; init; } = SlackConnectionMode.Http;

    /// <summary>The app-level token (<c>SLACK_APP_TOKEN</c>, <c>xapp-...</c>) that opens Socket Mode connections; required in <see cref="SlackConnectionMode.Socket"/> mode.</summary>
    public string? AppToken { get; init; }

    /// <summary>The sweeps <c>squad.yml</c> configures; the server runs each on its schedule.</summary>
    public IReadOnlyList<SweepDefinition> Sweeps { get; init; } = [];
}
