namespace Squad.Cluster;

/// <summary>
/// One squad in the cluster, keyed by <see cref="SquadKey"/>: Orleans keeps a single activation per key in the whole
/// cluster, which is the one-squad-per-issue guarantee. The squad runs as a task the grain owns, not inside a call.
/// </summary>
public interface ISquadGrain : IGrainWithStringKey
{
    /// <summary>Starts the squad unless it already runs or already finished this order's run; either way, where it stands.</summary>
    Task<SquadProgress> StartAsync(SquadOrder order);

    Task<SquadProgress> StatusAsync();

    /// <summary>Stops the running squad between steps; its stored steps stay, so a later run resumes it.</summary>
    Task<SquadProgress> StopAsync();

    /// <summary>Called by the squad's own task when it ends (not for clients).</summary>
    Task FinishAsync(string runId, string outcome);
}
