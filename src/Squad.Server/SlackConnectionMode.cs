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
}
