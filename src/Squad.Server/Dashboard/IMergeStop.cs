namespace Squad.Server.Dashboard;

/// <summary>
/// Where the dashboard's kill switch lives: the data directory's <c>STOP-MERGES</c> file on one machine, the cluster's
/// row in PostgreSQL in cluster mode (which every worker mirrors into its own file).
/// </summary>
public interface IMergeStop
{
    /// <summary>True while merges are stopped.</summary>
    Task<bool> IsEngagedAsync(CancellationToken cancellationToken = default);

    /// <summary>Stops merges (saying <paramref name="reason"/>) or allows them again; setting the current state again changes nothing.</summary>
    Task SetAsync(bool engaged, string reason, CancellationToken cancellationToken = default);
}
