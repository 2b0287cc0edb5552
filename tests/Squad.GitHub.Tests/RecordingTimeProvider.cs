namespace Squad.GitHub.Tests;

/// <summary>
/// A clock whose waits finish at once: every timer records its due time, moves the clock by it and fires on the
/// thread pool. Tests read <see cref="Delays"/> to see how long the code under test chose to wait.
/// </summary>
public sealed class RecordingTimeProvider : TimeProvider
{
    private readonly Lock gate = new();
    private readonly List<TimeSpan> delays = [];
    private DateTimeOffset now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public IReadOnlyList<TimeSpan> Delays
    {
        get
        {
            lock (gate)
            {
                return [.. delays];
            }
        }
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ImmediateTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private void Fire(TimeSpan dueTime, TimerCallback callback, object? state)
    {
        lock (gate)
        {
            delays.Add(dueTime);
            now += dueTime;
        }

        ThreadPool.QueueUserWorkItem(_ => callback(state));
    }

    private sealed class ImmediateTimer(RecordingTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                clock.Fire(dueTime, callback, state);
            }

            return true;
        }

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
