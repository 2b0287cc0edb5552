namespace Squad.Cluster;

/// <summary>
/// What a node does for the cluster's sweeps: tells when a sweep is due (its schedule from squad.yml) and runs one
/// occurrence (plans the sweep and submits its squads to their grains). The worker command provides it.
/// </summary>
public interface ISweepWork
{
    /// <summary>The latest occurrence of <paramref name="sweep"/> in (<paramref name="after"/>, <paramref name="upTo"/>], or null (none, or not configured here).</summary>
    DateTimeOffset? LatestDue(string sweep, DateTimeOffset after, DateTimeOffset upTo);

    /// <summary>
    /// Runs the <paramref name="occurrence"/> of <paramref name="sweep"/>, called once per occurrence in the whole cluster:
    /// plans it and hands each squad it starts to <paramref name="submit"/> (its grain).
    /// </summary>
    Task RunAsync(string sweep, DateTimeOffset occurrence, Func<SquadOrder, Task<SquadProgress>> submit, CancellationToken cancellationToken);
}
