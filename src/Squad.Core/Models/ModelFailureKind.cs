namespace Squad.Core.Models;

/// <summary>What a failed model call means for the caller.</summary>
public enum ModelFailureKind
{
    /// <summary>Worth another try: HTTP 429, a 5xx, or no answer at all (connection refused or reset).</summary>
    Transient,

    /// <summary>The provider answered, but with a body that could not be read as its wire format.</summary>
    Malformed,

    /// <summary>The request is longer than the model's context window: the same request fails again, a shorter one may not.</summary>
    ContextOverflow,

    /// <summary>Trying again would fail the same way (a 4xx other than 429).</summary>
    Permanent,
}
