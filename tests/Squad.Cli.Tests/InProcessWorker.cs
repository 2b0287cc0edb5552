using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Squad.Cluster;

namespace Squad.Cli.Tests;

/// <summary>A one-node cluster in the test process, on free loopback ports, running squads with <c>work</c>.</summary>
internal static class InProcessWorker
{
    public static async Task<IHost> StartAsync(string connectionString, ISquadWork work, int squads = 1)
    {
        var settings = new WorkerSettings
        {
            Cluster = new ClusterSettings { ConnectionString = connectionString },
            NodeName = "solo",
            SiloPort = FreePort(),
            GatewayPort = FreePort(),
            Squads = squads,
            Lease = TimeSpan.FromSeconds(1),
            KillSwitchFile = Path.Combine(Path.GetTempPath(), $"squad-worker-{Guid.NewGuid():N}"),
        };
        var host = await SquadWorker.BuildAsync(settings, work, TimeProvider.System);
        await host.StartAsync();
        return host;
    }

    public static SquadOrder Order(string issue) =>
        new() { RunId = "run-1", Reference = "https://linear.app/acme/project/x", MilestoneKey = "m", IssueIdentifier = issue };

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
