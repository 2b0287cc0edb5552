namespace Squad.Core.Verification;

/// <summary>How often the Healer retries one cause: at most <see cref="MaxAttempts"/> fix squads, <see cref="CoolDown"/> apart.</summary>
public sealed record HealerOptions
{
    public int MaxAttempts { get; init; } = 3;

    public TimeSpan CoolDown { get; init; } = TimeSpan.FromHours(1);
}
