namespace Squad.Core.Verification;

/// <summary>What the Healer makes of main: green, a fix squad to start (or resume), or a cause it stops retrying for now.</summary>
public sealed record HealerVerdict
{
    public required HealerVerdictKind Kind { get; init; }

    /// <summary>One line for a person.</summary>
    public required string Message { get; init; }

    /// <summary>The stub issue's identifier, when a fix squad starts or resumes.</summary>
    public string? Issue { get; init; }

    /// <summary>The stub issue's title and body (the failure, redacted, capped and fenced), when one is to be written.</summary>
    public string? Title { get; init; }

    public string? Body { get; init; }

    public HealerRecord? Record { get; init; }
}
