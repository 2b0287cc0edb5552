namespace Squad.Cluster;

/// <summary>
/// What a node does for one squad: compose its services (the node's forge and tracker clients, models, sandbox and the
/// cluster's PostgreSQL stores) and run Core's squad runner. The worker command provides it.
/// </summary>
public interface ISquadWork
{
    /// <summary>
    /// Runs (or resumes from its stored steps) the squad of <paramref name="order"/>; returns its outcome. Each state write
    /// of the squad first checks <paramref name="fence"/> (see <see cref="FencedRunStore"/>).
    /// </summary>
    Task<string> RunAsync(SquadOrder order, ISquadFence fence, CancellationToken cancellationToken);

    /// <summary>
    /// Waits, before the squad takes one of its node's slots, until what it waits for (its blockers' squads, elsewhere in
    /// the cluster) has settled, so a blocked squad never holds a slot another squad could use.
    /// </summary>
    Task WaitUntilReadyAsync(SquadOrder order, CancellationToken cancellationToken) => Task.CompletedTask;
}
