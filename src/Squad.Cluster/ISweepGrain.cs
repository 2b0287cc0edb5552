namespace Squad.Cluster;

/// <summary>
/// One configured sweep, keyed by its name: its reminder (in PostgreSQL) ticks on whichever node holds the grain, and
/// the tick fires the due occurrence once in the whole cluster (claimed in PostgreSQL's sweep ledger).
/// </summary>
public interface ISweepGrain : IGrainWithStringKey
{
    /// <summary>Registers the sweep's reminder unless it already ticks; every node calls it at start, and one reminder results.</summary>
    Task ScheduleAsync();
}
