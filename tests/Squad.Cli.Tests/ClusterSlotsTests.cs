using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Squad.Cluster;
using Squad.Testing;

namespace Squad.Cli.Tests;

/// <summary>
/// A blocked squad waits for its blockers before it takes one of its node's slots: on a node with one slot, the blocked
/// issue submitted first does not keep its blocker from running (which would wait forever).
/// </summary>
public sealed class ClusterSlotsTests
{
    [PostgresFact]
    public async Task Squads_BlockedOneFirstOnANodeWithOneSlot_TheBlockerRunsThenTheBlockedOne()
    {
        await using var database = await TestPostgres.CreateAsync();
        var work = new BlockedWork();
        using var host = await InProcessWorker.StartAsync(database.ConnectionString, work);
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<ISquadGrain>(InProcessWorker.Order("CL-2").Key).StartAsync(InProcessWorker.Order("CL-2"));
        await grains.GetGrain<ISquadGrain>(InProcessWorker.Order("CL-1").Key).StartAsync(InProcessWorker.Order("CL-1"));

        var finished = await Task.WhenAny(work.Done.Task, Task.Delay(TimeSpan.FromSeconds(60)));
        Assert.True(finished == work.Done.Task, $"the squads did not both run: ran {string.Join(", ", work.Ran)}");
        Assert.Equal(["CL-1", "CL-2"], work.Ran);
        await host.StopAsync();
    }

    /// <summary>CL-2 is blocked by CL-1: it is ready once CL-1 has run.</summary>
    private sealed class BlockedWork : ISquadWork
    {
        private readonly TaskCompletionSource blockerDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ConcurrentQueue<string> Ran { get; } = new();

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task WaitUntilReadyAsync(SquadOrder order, CancellationToken cancellationToken)
            => order.IssueIdentifier == "CL-2" ? blockerDone.Task.WaitAsync(cancellationToken) : Task.CompletedTask;

        public async Task<string> RunAsync(SquadOrder order, ISquadFence fence, CancellationToken cancellationToken)
        {
            Ran.Enqueue(order.IssueIdentifier);
            await Task.Delay(100, cancellationToken);
            if (order.IssueIdentifier == "CL-1")
            {
                blockerDone.TrySetResult();
            }
            else
            {
                Done.TrySetResult();
            }

            return "Merged";
        }
    }
}
