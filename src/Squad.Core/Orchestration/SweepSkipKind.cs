namespace Squad.Core.Orchestration;

/// <summary>Why a sweep leaves an issue alone. Every kind is an expected branch, not a failure.</summary>
public enum SweepSkipKind
{
    /// <summary>Done already: completed or canceled in the tracker, or its squad or pull request merged.</summary>
    Done,

    /// <summary>Its squad ended in a way later runs leave alone: needs a person, refused (text unchanged), over budget.</summary>
    Settled,

    /// <summary>A squad is working on it now: its record is running and was updated within the lease.</summary>
    InFlight,

    /// <summary>It has an open pull request, its squad's or one on its branch.</summary>
    OpenPullRequest,

    /// <summary>One of its blockers is skipped for a reason other than being done, or is outside the sweep.</summary>
    WaitsForBlocker,
}
