namespace Squad.Sentry.Wire;

/// <summary>One stack frame; <c>inApp</c> marks the application's own code.</summary>
internal sealed record SentryFrameWire
{
    public string? Filename { get; init; }

    public string? AbsPath { get; init; }

    public string? Function { get; init; }

    public string? Module { get; init; }

    public int? LineNo { get; init; }

    public int? ColNo { get; init; }

    public bool? InApp { get; init; }
}
