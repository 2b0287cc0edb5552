namespace Squad.Cluster;

/// <summary>A node that runs no sweeps: a sweep's reminder that ticks here finds nothing due.</summary>
internal sealed class NoSweeps : ISweepWork
{
    public static readonly NoSweeps Instance = new();

    public DateTimeOffset? LatestDue(string sweep, DateTimeOffset after, DateTimeOffset upTo) => null;

    public Task RunAsync(string sweep, DateTimeOffset occurrence, Func<SquadOrder, Task<SquadProgress>> submit, CancellationToken cancellationToken) => Task.CompletedTask;
}
