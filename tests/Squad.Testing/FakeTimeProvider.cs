namespace Squad.Testing;

/// <summary>
/// A clock that stands still until a test moves it. Only the time is fake: timers created through it
/// are real, so it suits code that reads the time, not code that waits on it.
/// </summary>
public sealed class FakeTimeProvider : TimeProvider
{
    private readonly Lock gate = new();
    private DateTimeOffset utcNow;

    /// <summary>Starts at 2025-01-01 00:00:00 UTC, or at <paramref name="start"/>.</summary>
    public FakeTimeProvider(DateTimeOffset? start = null) =>
        utcNow = (start ?? new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)).ToUniversalTime();

    /// <summary>The current time; set it to jump there (kept in UTC).</summary>
    public DateTimeOffset UtcNow
    {
        get
        {
            lock (gate)
            {
                return utcNow;
            }
        }

        set
        {
            lock (gate)
            {
                utcNow = value.ToUniversalTime();
            }
        }
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override DateTimeOffset GetUtcNow() => UtcNow;

    /// <summary>Moves the clock forward by <paramref name="delta"/>.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        lock (gate)
        {
            utcNow += delta;
        }
    }
}
