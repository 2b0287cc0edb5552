namespace Squad.Linear;

/// <summary>How to send the Linear credential.</summary>
public enum LinearCredentialKind
{
    /// <summary>A personal API key when it starts with <c>lin_api_</c>, an OAuth access token otherwise.</summary>
    Auto,

    /// <summary>A personal API key, sent as the raw <c>Authorization</c> header.</summary>
    ApiKey,

    /// <summary>An OAuth access token, sent as <c>Authorization: Bearer …</c>.</summary>
    OAuthToken,
}
