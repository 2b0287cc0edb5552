namespace Squad.Core.Git;

/// <summary>
/// Which operations of a series also maintain the repository they write to (git's automatic maintenance or
/// <c>gc --auto</c>, a process and tens of milliseconds each, acting only past git's thresholds): the first of a process's
/// and every <c>every</c>th after it. Squad's clones are maintained by their fetches, the local forge's repositories by
/// their pushes. Safe for concurrent callers.
/// </summary>
public sealed class MaintenanceTurns(int every = MaintenanceTurns.DefaultEvery)
{
    /// <summary>A repository grows by a few objects an operation: one in 64 keeps it packed at a 64th of the cost.</summary>
    public const int DefaultEvery = 64;

    private readonly int every = every > 0 ? every : throw new ArgumentOutOfRangeException(nameof(every), every, "at least 1");
    private long taken;

    /// <summary>Whether the operation starting now is one that maintains.</summary>
    public bool Next() => (Interlocked.Increment(ref taken) - 1) % every == 0;
}
