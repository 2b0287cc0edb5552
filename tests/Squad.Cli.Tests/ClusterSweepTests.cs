using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Squad.Cluster;
using Squad.Server;
using Squad.Testing;

namespace Squad.Cli.Tests;

/// <summary>
/// Sweeps and squads fire once per cluster: two silos (in this process) on a real PostgreSQL share one reminder per
/// sweep and one activation per squad; the sweep ledger in PostgreSQL keeps a re-delivered or moved tick from running
/// an occurrence twice, and after the silo holding the sweep stops abruptly the next occurrence fires on the other.
/// </summary>
public sealed class ClusterSweepTests
{
    private const string Sweep = "nightly";

    [PostgresFact]
    public async Task Sweep_TwoSilosThenTheHolderStopsAbruptly_EveryOccurrenceRunsOnceAndTheNextFiresOnTheSurvivor()
    {
        await using var database = await TestPostgres.CreateAsync();
        var fired = new ConcurrentQueue<(string Node, DateTimeOffset Occurrence)>();
        var squads = new ConcurrentQueue<string>();
        using var a = await StartAsync("a", database.ConnectionString, fired, squads);
        using var b = await StartAsync("b", database.ConnectionString, fired, squads);

        // A duplicate command reaching both nodes at once: the one squad grain starts one squad.
        var order = new SquadOrder { RunId = "run-1", Reference = "https://linear.app/acme/project/x", MilestoneKey = "m", IssueIdentifier = "CL-1" };
        await Task.WhenAll(Grains(a).GetGrain<ISquadGrain>(order.Key).StartAsync(order), Grains(b).GetGrain<ISquadGrain>(order.Key).StartAsync(order));
        await WaitUntilAsync(() => Grains(a).GetGrain<ISquadGrain>(order.Key).StatusAsync().Result.Phase == SquadPhase.Finished, "the squad never finished");
        Assert.Equal(["CL-1"], squads);

        await WaitUntilAsync(() => fired.Count >= 2, "the sweep never fired twice with both silos up");
        var holder = fired.Last().Node;
        var (victim, survivor) = holder == "a" ? (a, "b") : (b, "a");
        var stoppedAt = DateTimeOffset.UtcNow;
        await victim.StopAsync(new CancellationToken(canceled: true));

        await WaitUntilAsync(() => fired.Any(f => f.Node == survivor && f.Occurrence > stoppedAt), $"no occurrence fired on {survivor} after {holder} stopped");
        var occurrences = fired.Select(f => f.Occurrence).ToList();
        Assert.Equal(occurrences.Count, occurrences.Distinct().Count());
    }

    private static IGrainFactory Grains(IHost host) => host.Services.GetRequiredService<IGrainFactory>();

    private static async Task<IHost> StartAsync(string node, string connection, ConcurrentQueue<(string, DateTimeOffset)> fired, ConcurrentQueue<string> squads)
    {
        var settings = new WorkerSettings
        {
            Cluster = new ClusterSettings { ConnectionString = connection },
            NodeName = node,
            SiloPort = FreePort(),
            GatewayPort = FreePort(),
            Lease = TimeSpan.FromSeconds(1),
            Sweeps = [Sweep],
            SweepTick = TimeSpan.FromSeconds(1),
            KillSwitchFile = Path.Combine(Path.GetTempPath(), $"squad-sweep-{Guid.NewGuid():N}"),
        };
        var host = await SquadWorker.BuildAsync(settings, new CountingSquads(squads), TimeProvider.System, new CountingSweeps(node, fired));
        await host.StartAsync();
        return host;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string failure)
    {
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(60); waited += TimeSpan.FromMilliseconds(200))
        {
            if (condition())
            {
                return;
            }

            await Task.Delay(200);
        }

        Assert.Fail(failure);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Every 2 seconds (Quartz's 6 fields), through the same Cronos schedule the worker uses.</summary>
    private sealed class CountingSweeps(string node, ConcurrentQueue<(string, DateTimeOffset)> fired) : ISweepWork
    {
        private readonly SweepSchedule schedule = SweepSchedule.Parse("*/2 * * * * ?");

        public DateTimeOffset? LatestDue(string sweep, DateTimeOffset after, DateTimeOffset upTo) => sweep == Sweep ? schedule.LatestIn(after, upTo) : null;

        public Task RunAsync(string sweep, DateTimeOffset occurrence, Func<SquadOrder, Task<SquadProgress>> submit, CancellationToken cancellationToken)
        {
            fired.Enqueue((node, occurrence));
            return Task.CompletedTask;
        }
    }

    private sealed class CountingSquads(ConcurrentQueue<string> squads) : ISquadWork
    {
        public async Task<string> RunAsync(SquadOrder order, ISquadFence fence, CancellationToken cancellationToken)
        {
            squads.Enqueue(order.IssueIdentifier);
            await Task.Delay(500, cancellationToken);
            return "Merged";
        }
    }
}
