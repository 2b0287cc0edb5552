using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Spectre.Console;

namespace Squad.Benchmark;

/// <summary>
/// The cluster on one machine: makespan and throughput of a scripted milestone on 1, 2 and 3 <c>squad worker</c>
/// processes (one squad each at a time, scripted model latency), and the failover time after one of two is killed.
/// </summary>
internal sealed class ClusterBenchmark(IAnsiConsole console, string squadDll, string server, string notesRepository, int issues, int latencyMs)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    public async Task<int> RunAsync(string outputPath, CancellationToken cancellationToken)
    {
        var rows = new List<string[]>();
        foreach (var workers in new[] { 1, 2, 3 })
        {
            var makespan = await MakespanAsync(workers, cancellationToken);
            rows.Add([workers.ToString(CultureInfo.InvariantCulture), $"{makespan.TotalSeconds:F1} s", $"{issues / makespan.TotalMinutes:F1} issues/min"]);
            console.MarkupLine(Markup.Escape($"{workers} worker(s): {issues} issues in {makespan.TotalSeconds:F1} s"));
        }

        var resumed = await FailoverAsync(cancellationToken);
        console.MarkupLine(Markup.Escape($"failover: the survivor resumed the killed node's squad {resumed.TotalSeconds:F1} s after the kill"));
        var table = new Table().AddColumns("workers", "makespan", "throughput");
        foreach (var row in rows)
        {
            table.AddRow(row);
        }

        console.Write(table);
        Directory.CreateDirectory(Path.GetDirectoryName(outputPath)!);
        await File.WriteAllTextAsync(outputPath, string.Create(CultureInfo.InvariantCulture,
            $"{{\"issues\":{issues},\"latencyMs\":{latencyMs},\"makespans\":[{string.Join(",", rows.Select(r => $"{{\"workers\":{r[0]},\"makespan\":\"{r[1]}\",\"throughput\":\"{r[2]}\"}}"))}],\"failoverSeconds\":{resumed.TotalSeconds:F1}}}\n"), cancellationToken);
        return 0;
    }

    private async Task<TimeSpan> MakespanAsync(int workers, CancellationToken cancellationToken)
    {
        await using var scope = await ClusterScope.CreateAsync(server, cancellationToken);
        var milestone = ClusterMilestoneWriter.Write(scope.Root, notesRepository, issues);
        var clock = Stopwatch.StartNew();
        var nodes = Enumerable.Range(1, workers).Select(n => Worker(scope, $"w{n}", clock)).ToList();
        try
        {
            await Task.WhenAll(nodes.Select(n => n.WaitForAsync("joined the cluster", TimeSpan.FromMinutes(1), cancellationToken)));
            var started = clock.Elapsed;
            using var client = Client(scope, milestone, clock);
            await client.WaitForExitAsync(cancellationToken).WaitAsync(Limit, cancellationToken);
            if (client.ExitCode != 0)
            {
                var lines = nodes.Prepend(client).SelectMany(p => p.Lines.Select(l => l.Line));
                throw new InvalidOperationException($"the run exited {client.ExitCode}:\n{string.Join('\n', lines)}");
            }

            return clock.Elapsed - started;
        }
        finally
        {
            nodes.ForEach(n => n.Dispose());
        }
    }

    /// <summary>Two workers; the first to start a Developer pass is killed; how long until the other resumes its squad.</summary>
    private async Task<TimeSpan> FailoverAsync(CancellationToken cancellationToken)
    {
        await using var scope = await ClusterScope.CreateAsync(server, cancellationToken);
        var milestone = ClusterMilestoneWriter.Write(scope.Root, notesRepository, issues);
        var clock = Stopwatch.StartNew();
        var nodes = new[] { Worker(scope, "a", clock), Worker(scope, "b", clock) };
        try
        {
            await Task.WhenAll(nodes.Select(n => n.WaitForAsync("joined the cluster", TimeSpan.FromMinutes(1), cancellationToken)));
            using var client = Client(scope, milestone, clock);
            var first = await Task.WhenAny(nodes.Select(async n => (Node: n, At: await n.WaitForAsync(" Implementation: ", Limit, cancellationToken))));
            var (victim, _) = await first;
            victim.Kill();
            var killedAt = clock.Elapsed;
            var survivor = nodes.Single(n => n != victim);
            var resumed = await survivor.WaitForAsync("Resuming the squad of", Limit, cancellationToken);
            await client.WaitForExitAsync(cancellationToken).WaitAsync(Limit, cancellationToken);
            return resumed - killedAt;
        }
        finally
        {
            foreach (var node in nodes)
            {
                node.Dispose();
            }
        }
    }

    private ClusterProcess Worker(ClusterScope scope, string name, Stopwatch clock) => new(squadDll, clock,
    [
        "worker", "--cluster", scope.ConnectionString, "--name", name, "--silo-port", FreePort(), "--gateway-port", FreePort(),
        "--squads", "1", "--lease-seconds", "2", "--dev-scripted-latency-ms", latencyMs.ToString(CultureInfo.InvariantCulture),
        "--data-dir", Path.Combine(scope.Root, name), "--dev-local-forge", Path.Combine(scope.Root, "forge"), "--model", "scripted", "--no-sandbox",
    ]);

    private ClusterProcess Client(ClusterScope scope, string milestone, Stopwatch clock) => new(squadDll, clock,
    [
        "run", milestone, "--cluster", scope.ConnectionString, "--dev-local-forge", Path.Combine(scope.Root, "forge"),
        "--data-dir", Path.Combine(scope.Root, "client"), "--model", "scripted", "--no-sandbox", "--json",
    ]);

    private static string FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A fresh database and temporary folder for one measurement; both removed after.</summary>
    private sealed class ClusterScope : IAsyncDisposable
    {
        private readonly string server;
        private readonly string database;

        private ClusterScope(string server, string database)
        {
            this.server = server;
            this.database = database;
            ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
            Root = Path.Combine(Path.GetTempPath(), "squad-cluster-bench-" + database);
        }

        public string ConnectionString { get; }

        public string Root { get; }

        public static async Task<ClusterScope> CreateAsync(string server, CancellationToken cancellationToken)
        {
            var database = $"squad_bench_{Guid.NewGuid():N}";
            await ExecuteAsync(server, $"CREATE DATABASE {database};", cancellationToken);
            return new ClusterScope(server, database);
        }

        public async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE);", CancellationToken.None);
            if (Directory.Exists(Root))
            {
                Directory.Delete(Root, recursive: true);
            }
        }

        private static async Task ExecuteAsync(string server, string sql, CancellationToken cancellationToken)
        {
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
