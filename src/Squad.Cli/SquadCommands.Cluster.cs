using System.CommandLine;
using System.Net;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Squad.Cluster;
using Squad.Core;
using Squad.Storage.Postgres;

namespace Squad.Cli;

/// <summary>Cluster mode: <c>squad worker</c>, and <c>--cluster</c> on the commands that submit to or read from it.</summary>
internal sealed partial class SquadCommands
{
    private readonly Option<string?> cluster = new("--cluster") { Description = "Work through a cluster of 'squad worker' nodes: the PostgreSQL connection string they share (default: SQUAD_CLUSTER). Without it, everything runs here." };
    private readonly Option<string?> devLocalForge = new("--dev-local-forge") { Description = "Test and development only: a local forge folder every node on this one machine shares. Cluster mode otherwise needs GitHub." };

    private Command WorkerCommand()
    {
        var name = new Option<string>("--name") { Description = "This node's name.", DefaultValueFactory = _ => Environment.MachineName };
        var siloPort = new Option<int>("--silo-port") { Description = "Port for the other nodes.", DefaultValueFactory = _ => 11111 };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "Port for clients (squad run --cluster).", DefaultValueFactory = _ => 30000 };
        var address = new Option<string>("--address") { Description = "The address the other nodes and clients reach this node at.", DefaultValueFactory = _ => "127.0.0.1" };
        var squads = new Option<int>("--squads") { Description = "Squads this node runs at once.", DefaultValueFactory = _ => 2 };
        var latency = new Option<int>("--dev-scripted-latency-ms") { Description = "Test and benchmark only: with --model scripted, a pause before each scripted response, like a real model's." };
        var lease = new Option<double>("--lease-seconds") { Description = "A running squad's lease: how soon another node resumes it after this one dies.", DefaultValueFactory = _ => 5 };
        var sweepTick = new Option<double>("--sweep-tick-seconds") { Description = "How often the sweeps of squad.yml are checked: an occurrence fires, once in the cluster, at the first check after it is due.", DefaultValueFactory = _ => 60 };
        var command = new Command("worker", "Join a cluster of Squad nodes (Orleans on PostgreSQL) and run the squads it hands this node; one squad per issue in the whole cluster, resumed elsewhere if this node dies.")
        {
            cluster, name, address, siloPort, gatewayPort, squads, lease, sweepTick, latency, configFile, dataDir, devLocalForge, model, maxRounds, agentsDir, promptsDir,
        };
        AddCostOptions(command);
        command.SetAction((parse, cancellationToken) => LockedAsync("squad worker", parse, async () =>
        {
            var connection = ClusterTarget.Connection(parse.GetValue(cluster), Environment.GetEnvironmentVariable)
                ?? throw new SquadException(SquadErrorCode.InvalidInput, $"squad worker needs the cluster's PostgreSQL: pass --cluster 'Host=...;Username=...;Password=...;Database=...' or set {ClusterSettings.Variable}");
            var settings = RunSettings(parse, new RunTargetRequest { Reference = "", Repository = parse.GetValue(repository), ConfigFile = parse.GetValue(configFile) }, parse.GetValue(model));
            var worker = WorkerSettingsOf(parse, connection, name, address, siloPort, gatewayPort, squads, lease);
            using var host = CliHost.Open(settings.DataDirectory, parse.GetValue(devLocalForge));
            var sweeps = new ClusterSweepWork(settings, SweepConfiguration.Load(parse.GetValue(configFile), host.DataDirectory), connection, parse.GetValue(devLocalForge));
            worker = worker with
            {
                KillSwitchFile = Path.Combine(host.DataDirectory, "STOP-MERGES"),
                Sweeps = sweeps.Names,
                SweepTick = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(sweepTick))),
            };
            using var store = new PostgresRunStore(connection, host.Time);
            using var audit = new PostgresAuditLog(connection, host.Time);
            using var work = new ClusterSquadWork(host, settings, store, audit, worker, output, TimeSpan.FromMilliseconds(Math.Max(0, parse.GetValue(latency))));
            using var node = await SquadWorker.BuildAsync(worker, work, host.Time, sweeps, cancellationToken);
            await node.StartAsync(cancellationToken);
            await output.WriteLineAsync($"worker {worker.NodeName} joined the cluster on {PostgresConnection.Describe(connection)}: silo {worker.Address}:{worker.SiloPort}, gateway {worker.GatewayPort}, {worker.Squads} squads at once");
            await output.FlushAsync(cancellationToken);
            await node.WaitForShutdownAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            await node.StopAsync(CancellationToken.None);
            return 0;
        }, cancellationToken));
        return command;
    }

    private static WorkerSettings WorkerSettingsOf(
        ParseResult parse, string connection, Option<string> name, Option<string> address, Option<int> siloPort, Option<int> gatewayPort, Option<int> squads, Option<double> lease)
    {
        if (!IPAddress.TryParse(parse.GetRequiredValue(address), out var ip))
        {
            throw new SquadException(SquadErrorCode.InvalidInput, $"--address '{parse.GetValue(address)}' is not an IP address: give the one the other nodes reach this machine at");
        }

        if (parse.GetValue(squads) < 1 || parse.GetValue(lease) < 1)
        {
            throw new SquadException(SquadErrorCode.InvalidInput, "--squads and --lease-seconds must be at least 1");
        }

        return new WorkerSettings
        {
            Cluster = new ClusterSettings { ConnectionString = connection },
            NodeName = parse.GetRequiredValue(name),
            Address = ip,
            SiloPort = parse.GetValue(siloPort),
            GatewayPort = parse.GetValue(gatewayPort),
            Squads = parse.GetValue(squads),
            Lease = TimeSpan.FromSeconds(parse.GetValue(lease)),
            KillSwitchFile = "",
        };
    }

    /// <summary><c>squad run --cluster</c>: the milestone's squads go to the cluster; this process only watches.</summary>
    private async Task<int> RunOnClusterAsync(RunTargetRequest request, string connection, string? model, ParseResult parse, CancellationToken cancellationToken, bool bugFix = false)
    {
        var settings = RunSettings(parse, request, model) with { BugFix = bugFix };
        var asJson = parse.GetValue(json);
        var result = await ClusterRun.ExecuteAsync(settings, connection, parse.GetValue(devLocalForge), asJson ? errorConsole : console, cancellationToken);
        Print(result.Document, asJson);
        return RunExitCode.For(result.Report.Squads.Select(s => s.Outcome));
    }

    /// <summary><c>squad sweep --cluster</c>: the sweep's squads go to the cluster now; this process waits for them.</summary>
    private async Task<int> SweepOnClusterAsync(string? name, string connection, ParseResult parse, CancellationToken cancellationToken)
    {
        var dataDirectory = Path.GetFullPath(parse.GetValue(dataDir) ?? CliHost.DefaultDataDirectory());
        var sweeps = SweepConfiguration.Select(SweepConfiguration.Load(parse.GetValue(configFile), dataDirectory), name, SweepConfiguration.PathOf(parse.GetValue(configFile), dataDirectory));
        var settings = RunSettings(parse, new RunTargetRequest { Reference = "", ConfigFile = parse.GetValue(configFile) }, parse.GetValue(model)) with { DataDirectory = dataDirectory };
        foreach (var reference in sweeps.SelectMany(s => s.Milestones))
        {
            ClusterTarget.EnsureSharedForge(reference, parse.GetValue(devLocalForge));
        }

        await using var client = await SquadClusterClient.ConnectAsync(new ClusterSettings { ConnectionString = connection }, cancellationToken);
        var orders = new List<SquadOrder>();
        foreach (var sweep in sweeps)
        {
            orders.AddRange(await ClusterSweep.SubmitAsync(settings, sweep, connection, parse.GetValue(devLocalForge), client.SubmitAsync, cancellationToken));
        }

        var ended = await client.WaitAsync(orders, TimeSpan.FromMilliseconds(500), (order, progress) => console.WriteLine($"{order.IssueIdentifier} {progress.Phase} on {progress.Node}"), cancellationToken);
        console.WriteLine($"{orders.Count} squads started in the cluster by {string.Join(", ", sweeps.Select(s => s.Name))}");
        return ended.Values.Any(p => p.Outcome is not (null or "Merged" or "Skipped")) ? 1 : 0;
    }

    /// <summary><c>squad status --cluster</c>: a run of the cluster, read from its PostgreSQL.</summary>
    private async Task<int> StatusOnClusterAsync(string connection, string? runId, ParseResult parse, CancellationToken cancellationToken)
    {
        using var host = CliHost.Open(parse.GetValue(dataDir), parse.GetValue(devLocalForge));
        using var store = new PostgresRunStore(connection, host.Time);
        using var audit = new PostgresAuditLog(connection, host.Time);
        var run = await FindClusterRunAsync(store, connection, runId, cancellationToken);
        var squads = await store.ListSquadsAsync(run.Id, cancellationToken);
        var usage = await audit.SummarizeRunAsync(run.Id, cancellationToken);
        var codeHost = RunTarget.CodeHostFor(host, run.Repository, CliHost.LoadAgents(null, null), out var owned);
        using (owned)
        {
            Print(await StatusBuilder.BuildAsync(run, squads, codeHost, usage, cancellationToken), parse.GetValue(json));
        }

        return 0;
    }

    /// <summary><c>squad audit --cluster</c>: a cluster run's audit trail, read from its PostgreSQL.</summary>
    private async Task<int> AuditOnClusterAsync(string connection, string? runId, string? jsonLines, ParseResult parse, CancellationToken cancellationToken)
    {
        using var store = new PostgresRunStore(connection, TimeProvider.System);
        using var audit = new PostgresAuditLog(connection, TimeProvider.System);
        var run = await FindClusterRunAsync(store, connection, runId, cancellationToken);
        await AuditPrinter.PrintAsync(console, output, audit, run, parse.GetValue(json), jsonLines, cancellationToken);
        return 0;
    }

    private static async Task<Core.Orchestration.RunRecord> FindClusterRunAsync(PostgresRunStore store, string connection, string? runId, CancellationToken cancellationToken)
        => (runId is null ? (await store.ListRunsAsync(1, cancellationToken)) is [var latest, ..] ? latest : null : await store.GetRunAsync(runId, cancellationToken))
            ?? throw new SquadException(SquadErrorCode.InvalidInput, runId is null
                ? $"no runs in the cluster on {PostgresConnection.Describe(connection)}: start one with 'squad run --cluster'"
                : $"run '{runId}' is not in the cluster on {PostgresConnection.Describe(connection)}: 'squad status --cluster' shows the latest run");
}
