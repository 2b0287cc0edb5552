using Squad.Core;

namespace Squad.Linear;

/// <summary>Reads <see cref="LinearOptions"/> from environment variables.</summary>
internal static class LinearEnvironment
{
    public const string ApiKey = "LINEAR_API_KEY";
    public const string ApiUrl = "LINEAR_API_URL";
    public const string Auth = "LINEAR_AUTH";

    public static LinearOptions Read(Func<string, string?> variable)
    {
        var credential = variable(ApiKey)?.Trim();
        if (string.IsNullOrEmpty(credential))
        {
            throw new SquadException(
                SquadErrorCode.InvalidConfiguration,
                $"{ApiKey} is not set: set it to a Linear personal API key (Settings > Security & access) or an OAuth access token");
        }

        return new LinearOptions
        {
            Credential = credential,
            Endpoint = Endpoint(variable(ApiUrl)),
            CredentialKind = Kind(variable(Auth)),
        };
    }

    private static Uri Endpoint(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return LinearOptions.DefaultEndpoint;
        }

        return Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw new SquadException(
                SquadErrorCode.InvalidConfiguration,
                $"{ApiUrl} is not an http(s) URL: set it to Linear's GraphQL endpoint, such as {LinearOptions.DefaultEndpoint}");
    }

    private static LinearCredentialKind Kind(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        null or "" => LinearCredentialKind.Auto,
        "KEY" => LinearCredentialKind.ApiKey,
        "OAUTH" => LinearCredentialKind.OAuthToken,
        _ => throw new SquadException(
            SquadErrorCode.InvalidConfiguration,
            $"{Auth} must be 'key' (a personal API key) or 'oauth' (an OAuth access token), or unset to tell by the key's prefix"),
    };
}
