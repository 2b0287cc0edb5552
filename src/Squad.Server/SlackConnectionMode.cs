namespace Squad.Server;

/// <summary>How Slack's slash commands reach <c>squad serve</c>.</summary>
public enum SlackConnectionMode
{
    /// <summary>Slack posts each command to <c>POST /slack/commands</c>: the host needs a public HTTPS address and the signing secret.</summary>
    Http,

    /// <summary>
    /// Socket Mode: the host opens a WebSocket to Slack with the app-level token and receives commands over it,
    /// so no public address is needed.
    /// </summary>
    Socket,

    /// <summary>
    /// No slash commands: the host runs its scheduled sweeps and serves <c>GET /healthz</c>; a bot token still posts each
    /// sweep's progress into its channel.
    /// </summary>
    Off,
}
