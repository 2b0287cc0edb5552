namespace Squad.Core.Models;

/// <summary>A provider failure as the retry decorator sees it, whatever SDK raised it.</summary>
public sealed record ModelFailure
{
    public required ModelFailureKind Kind { get; init; }

    /// <summary>One line saying what went wrong (<c>HTTP 500: overloaded</c>); never holds a secret.</summary>
    public required string Detail { get; init; }

    /// <summary>The HTTP status, when the provider answered.</summary>
    public int? StatusCode { get; init; }

    /// <summary>How long the provider asked to be left alone (<c>Retry-After</c>), when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
