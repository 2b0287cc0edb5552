namespace Squad.Core.Domain;

/// <summary>How a squad ended. <see cref="Running"/> while it has not.</summary>
public enum SquadOutcome
{
    Running,
    Merged,
    NeedsHuman,
    Refused,
    Blocked,
    Failed,
    BudgetExceeded,

    /// <summary>Nothing to do: the tracker already has the issue done or canceled.</summary>
    Skipped,
}
