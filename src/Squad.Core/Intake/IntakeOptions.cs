namespace Squad.Core.Intake;

/// <summary>The limits an issue must stay within to be taken by a squad.</summary>
public sealed record IntakeOptions
{
    /// <summary>The largest estimate, in points, a squad takes; issues without an estimate pass.</summary>
    public double MaxEstimate { get; init; } = 5;

    /// <summary>The longest description, in characters after sanitizing.</summary>
    public int MaxDescriptionCharacters { get; init; } = 20_000;

    /// <summary>The most scenarios one issue may carry.</summary>
    public int MaxScenarios { get; init; } = 12;
}
