namespace Squad.Sentry.Wire;

/// <summary>One exception of a chain: its type, message and stack trace.</summary>
internal sealed record SentryExceptionWire
{
    public string? Type { get; init; }

    public string? Value { get; init; }

    public string? Module { get; init; }

    public SentryStacktraceWire? Stacktrace { get; init; }
}
