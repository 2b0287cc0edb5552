namespace Squad.Server;

/// <summary>What <see cref="SlackSignatureVerifier"/> made of a request.</summary>
public enum SignatureCheck
{
    Valid,

    /// <summary>The signature does not match the body and timestamp (or is not a v0 signature).</summary>
    BadSignature,

    /// <summary>The timestamp is more than five minutes from now: possibly a replay.</summary>
    Stale,

    /// <summary>A header is missing or the timestamp is not a number.</summary>
    Missing,
}
