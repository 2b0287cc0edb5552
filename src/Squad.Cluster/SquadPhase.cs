namespace Squad.Cluster;

/// <summary>Where a squad grain stands.</summary>
public enum SquadPhase
{
    /// <summary>It was never given an order.</summary>
    Idle,

    /// <summary>Its squad runs (or waits for a slot, or for its blockers) on some node.</summary>
    Running,

    /// <summary>Its squad ended; <see cref="SquadProgress.Outcome"/> says how.</summary>
    Finished,

    /// <summary>Someone stopped it; the squad stays resumable from its stored steps.</summary>
    Stopped,
}
