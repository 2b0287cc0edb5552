using System.Text;

namespace Squad.Linear;

/// <summary>Where Linear is and how to authenticate; the credential never appears in <see cref="ToString"/>.</summary>
public sealed record LinearOptions
{
    /// <summary>Linear's public GraphQL endpoint.</summary>
    public static readonly Uri DefaultEndpoint = new("https://api.linear.app/graphql");

    public Uri Endpoint { get; init; } = DefaultEndpoint;

    /// <summary>A personal API key or an OAuth access token.</summary>
    public required string Credential { get; init; }

    public LinearCredentialKind CredentialKind { get; init; } = LinearCredentialKind.Auto;

    /// <summary>The name of the workflow state for "PR open, in review"; a team without it is not moved on review.</summary>
    public string ReviewStateName { get; init; } = "In Review";

    /// <summary>How many times one request is sent while Linear answers RATELIMITED, waiting for the reset between.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>
    /// Reads <c>LINEAR_API_KEY</c> (required), <c>LINEAR_API_URL</c>, and <c>LINEAR_AUTH</c> (<c>key</c> or
    /// <c>oauth</c>, when the credential's prefix does not tell).
    /// </summary>
    /// <exception cref="Core.SquadException">A variable is missing or malformed.</exception>
    public static LinearOptions FromEnvironment(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        return LinearEnvironment.Read(variable);
    }

    /// <summary>The <c>Authorization</c> header value for <see cref="Credential"/>.</summary>
    internal string AuthorizationValue =>
        CredentialKind == LinearCredentialKind.OAuthToken
        || (CredentialKind == LinearCredentialKind.Auto && !Credential.StartsWith("lin_api_", StringComparison.Ordinal))
            ? $"Bearer {Credential}"
            : Credential;

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Endpoint = {Endpoint}, Credential = ***, CredentialKind = {CredentialKind}, ");
        builder.Append($"ReviewStateName = {ReviewStateName}, MaxAttempts = {MaxAttempts}");
        return true;
    }
}
