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

    /// <summary>Merged, then reverted: post-merge verification failed on main (or a person asked), and the issue is open again.</summary>
    Reverted,

    /// <summary>Nothing to do: the tracker already has the issue done or canceled.</summary>
    Skipped,
}
