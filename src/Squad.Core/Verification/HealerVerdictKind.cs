namespace Squad.Core.Verification;

public enum HealerVerdictKind
{
    /// <summary>Main passes its verification and the code host's checks: nothing to heal.</summary>
    Green,

    /// <summary>A new attempt: write the stub and start a bug-fix squad on it.</summary>
    Start,

    /// <summary>The latest attempt at this cause has not settled (a killed run): run its squad again.</summary>
    Resume,

    /// <summary>The same cause was tried too recently.</summary>
    CoolingDown,

    /// <summary>The same cause used up its attempts: a person takes it.</summary>
    BudgetSpent,
}
