using Squad.Core;

namespace Squad.Sentry;

/// <summary>How Squad reads Sentry: an auth token with <c>event:read</c>, and optionally the API's root for self-hosted Sentry.</summary>
public sealed record SentryOptions
{
    public required string AuthToken { get; init; }

    /// <summary>The API root (<c>SENTRY_API_URL</c>, e.g. <c>https://sentry.example.com/</c>); null reads it from each link.</summary>
    public Uri? ApiUrl { get; init; }

    /// <summary>The options the environment gives, or null when <c>SENTRY_AUTH_TOKEN</c> is not set (Sentry links are then left as text).</summary>
    /// <exception cref="SquadException"><c>SENTRY_API_URL</c> is not an absolute http(s) URL.</exception>
    public static SentryOptions? FromEnvironment(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        if (variable("SENTRY_AUTH_TOKEN") is not { Length: > 0 } token || string.IsNullOrWhiteSpace(token))
        {
            return null;
        }

        Uri? api = null;
        if (variable("SENTRY_API_URL") is { Length: > 0 } configured
            && (!Uri.TryCreate(configured.EndsWith('/') ? configured : configured + "/", UriKind.Absolute, out api) || api.Scheme is not ("http" or "https")))
        {
            throw new SquadException(SquadErrorCode.InvalidConfiguration, $"SENTRY_API_URL '{configured}' is not an absolute http(s) URL like https://sentry.example.com/");
        }

        return new SentryOptions { AuthToken = token.Trim(), ApiUrl = api };
    }
}
