using Microsoft.Extensions.Hosting;

namespace Squad.Cluster;

/// <summary>At a node's start, makes sure each configured sweep has its one reminder in the cluster.</summary>
internal sealed class SweepReminders(WorkerSettings settings, IGrainFactory grains) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var sweep in settings.Sweeps)
        {
            await grains.GetGrain<ISweepGrain>(sweep).ScheduleAsync().WaitAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
