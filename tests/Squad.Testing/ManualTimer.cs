namespace Squad.Testing;

/// <summary>A timer of <see cref="ManualTimeProvider"/>: it fires only when the test moves the clock past it.</summary>
internal sealed class ManualTimer(ManualTimeProvider clock, TimerCallback callback, object? state) : ITimer
{
    /// <summary>The due time last asked for, relative to when it was asked.</summary>
    public TimeSpan DueTime { get; set; }

    public TimeSpan Period { get; set; }

    /// <summary>When it fires next; null when it is stopped. Guarded by the clock's lock.</summary>
    public DateTimeOffset? DueAt { get; set; }

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        clock.Schedule(this, dueTime, period);
        return true;
    }

    public void Fire() => callback(state);

    public void Dispose() => clock.Remove(this);

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
