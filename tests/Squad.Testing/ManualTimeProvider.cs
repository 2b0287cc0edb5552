namespace Squad.Testing;

/// <summary>
/// A clock whose timers are fake too: time moves only when a test calls <see cref="Advance"/>, which fires the
/// timers that fall due, in order, on the calling thread. <see cref="WaitForTimerAsync"/> lets a test wait until
/// the code under test has started the wait it expects (a 7 s <c>Task.Delay</c>, say) before moving time.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock gate = new();
    private readonly List<ManualTimer> timers = [];
    private readonly List<TimeSpan> requested = [];
    private DateTimeOffset utcNow;
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Starts at 2025-01-01 00:00:00 UTC, or at <paramref name="start"/>.</summary>
    public ManualTimeProvider(DateTimeOffset? start = null)
    {
        Start = (start ?? new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)).ToUniversalTime();
        utcNow = Start;
    }

    public DateTimeOffset Start { get; }

    /// <summary>How far time has been moved since <see cref="Start"/>.</summary>
    public TimeSpan Elapsed => GetUtcNow() - Start;

    /// <summary>Every due time asked of a timer (on creation or change), oldest first; infinite ones left out.</summary>
    public IReadOnlyList<TimeSpan> Requested
    {
        get
        {
            lock (gate)
            {
                return [.. requested];
            }
        }
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return utcNow;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves time forward, firing every timer that falls due on the way.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        DateTimeOffset target;
        lock (gate)
        {
            target = utcNow + delta;
        }

        while (NextDue(target) is { } due)
        {
            due.Fire();
        }
    }

    /// <summary>Completes once a timer started with <paramref name="dueTime"/> is pending; fails after <paramref name="within"/> of real time (10 s by default).</summary>
    public async Task WaitForTimerAsync(TimeSpan dueTime, TimeSpan? within = null)
    {
        using var limit = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            Task wait;
            lock (gate)
            {
                if (timers.Any(t => t.DueAt is not null && t.DueTime == dueTime))
                {
                    return;
                }

                wait = changed.Task;
            }

            try
            {
                await wait.WaitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no timer of {dueTime} was started (asked so far: {string.Join(", ", Requested)})");
            }
        }
    }

    internal void Schedule(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (gate)
        {
            timer.DueTime = dueTime;
            timer.Period = period;
            timer.DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : utcNow + dueTime;
            if (timer.DueAt is not null)
            {
                requested.Add(dueTime);
            }

            if (!timers.Contains(timer))
            {
                timers.Add(timer);
            }

            Signal();
        }

        if (dueTime == TimeSpan.Zero)
        {
            Advance(TimeSpan.Zero);
        }
    }

    internal void Remove(ManualTimer timer)
    {
        lock (gate)
        {
            timers.Remove(timer);
            Signal();
        }
    }

    private ManualTimer? NextDue(DateTimeOffset target)
    {
        lock (gate)
        {
            var due = timers.Where(t => t.DueAt <= target).OrderBy(t => t.DueAt).FirstOrDefault();
            if (due is null)
            {
                utcNow = target > utcNow ? target : utcNow;
                return null;
            }

            utcNow = due.DueAt!.Value > utcNow ? due.DueAt.Value : utcNow;
            due.DueAt = due.Period > TimeSpan.Zero && due.Period != Timeout.InfiniteTimeSpan ? utcNow + due.Period : null;
            return due;
        }
    }

    private void Signal()
    {
        changed.TrySetResult();
        changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
