namespace Squad.Cli;

/// <summary>The Healer's pass over a swept milestone's repository (<c>heal: true</c>): its verdict, and the fix squad's run when one started.</summary>
internal sealed record SweepHealing
{
    public required Core.Verification.HealerVerdictKind Kind { get; init; }

    public required string Message { get; init; }

    public MilestoneRunResult? Run { get; init; }
}
