namespace Squad.Core.Models;

/// <summary>How often and how patiently a model call is retried: exponential backoff with jitter, capped.</summary>
public sealed record ModelRetryPolicy
{
    /// <summary>The share of a backoff that jitter may take off, so that parallel squads do not retry in step.</summary>
    public const double JitterFraction = 0.2;

    /// <summary>Five attempts, waiting 1 s, 2 s, 4 s and 8 s (less jitter) between them, never more than 60 s.</summary>
    public static ModelRetryPolicy Default { get; } = new();

    /// <summary>Attempts in all, the first one included.</summary>
    public int MaxAttempts { get; init; } = 5;

    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    public double Factor { get; init; } = 2;

    /// <summary>The longest wait between two attempts; a <c>Retry-After</c> beyond it ends the retries.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The wait before retry number <paramref name="retry"/> (1 for the first retry).</summary>
    /// <param name="retry">1 for the wait after the first attempt, 2 after the second, and so on.</param>
    /// <param name="jitterSample">A sample in [0, 1): 0 waits the full backoff, values towards 1 up to <see cref="JitterFraction"/> less.</param>
    public TimeSpan BackoffFor(int retry, double jitterSample)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(jitterSample, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(jitterSample, 1);
        var nominal = Math.Min(MaxDelay.TotalSeconds, BaseDelay.TotalSeconds * Math.Pow(Factor, retry - 1));
        return TimeSpan.FromSeconds(nominal * (1 - (JitterFraction * jitterSample)));
    }
}
