using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Squad.Cli.Tests;

/// <summary>
/// One <c>squad worker</c> as a real child process (<c>dotnet squad.dll worker</c>) on free loopback ports, whose output
/// lines are kept; killed with SIGKILL on <see cref="Kill"/> or dispose.
/// </summary>
internal sealed class ClusterNode : IDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> lines = new();
    private readonly TaskCompletionSource joined = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ClusterNode(string name, string connectionString, ClusterMilestone milestone, params string[] extra)
    {
        Name = name;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] arguments =
        [
            Path.Combine(AppContext.BaseDirectory, "squad.dll"), "worker", "--cluster", connectionString, "--name", name,
            "--silo-port", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--gateway-port", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--data-dir", milestone.NodeData(name), "--dev-local-forge", milestone.Forge, "--model", "scripted", .. extra,
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    public IReadOnlyCollection<string> Lines => lines;

    public Task Joined => joined.Task;

    /// <summary>SIGKILL, as a machine that dies: no shutdown, no goodbye to the cluster.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lines.Enqueue(line);
        if (line.StartsWith("worker ", StringComparison.Ordinal) && line.Contains("joined the cluster", StringComparison.Ordinal))
        {
            joined.TrySetResult();
        }
        else if (line.StartsWith("error:", StringComparison.Ordinal))
        {
            joined.TrySetException(new InvalidOperationException($"worker {Name} failed: {line}"));
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
