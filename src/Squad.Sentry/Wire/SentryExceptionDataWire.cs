namespace Squad.Sentry.Wire;

/// <summary>The data of an <c>exception</c> entry: the chain of exceptions, the raised one last.</summary>
internal sealed record SentryExceptionDataWire
{
    public List<SentryExceptionWire>? Values { get; init; }
}
