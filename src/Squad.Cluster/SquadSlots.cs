namespace Squad.Cluster;

/// <summary>How many squads one node runs at once (<c>--squads</c>); the rest of its squads wait here.</summary>
internal sealed class SquadSlots(WorkerSettings settings) : IDisposable
{
    private readonly SemaphoreSlim slots = new(Math.Max(1, settings.Squads));

    public async Task<T> RunAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken);
        try
        {
            return await work();
        }
        finally
        {
            slots.Release();
        }
    }

    public void Dispose() => slots.Dispose();
}
