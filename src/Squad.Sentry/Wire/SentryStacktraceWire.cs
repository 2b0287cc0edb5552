namespace Squad.Sentry.Wire;

/// <summary>Frames, the outermost call first.</summary>
internal sealed record SentryStacktraceWire
{
    public List<SentryFrameWire>? Frames { get; init; }
}
