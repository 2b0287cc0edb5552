namespace Squad.Server;

/// <summary>What came of asking Slack for a Socket Mode URL: the URL, or why not and how long Slack asked to wait.</summary>
internal sealed record SocketModeOpening
{
    public Uri? Url { get; init; }

    /// <summary>Slack's error code (<c>invalid_auth</c>), or the HTTP status, when there is no URL.</summary>
    public string? Error { get; init; }

    /// <summary>The <c>Retry-After</c> of a 429, when Slack gave one.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
