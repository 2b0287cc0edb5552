using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Squad.Server.Tests;

/// <summary><c>squad serve</c> as a child process (<c>dotnet squad.dll</c>, built beside this assembly), so a crash point can really kill it.</summary>
internal sealed class ServeChild : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder error = new();

    private ServeChild(Process process)
    {
        this.process = process;
        process.ErrorDataReceived += (_, e) =>
        {
            lock (error)
            {
                error.AppendLine(e.Data);
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
    }

    public string Error
    {
        get
        {
            lock (error)
            {
                return error.ToString();
            }
        }
    }

    public static ServeChild Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "squad.dll"));
        start.ArgumentList.Add("serve");
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return new ServeChild(Process.Start(start)!);
    }

    /// <summary>A loopback port free a moment ago.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task WaitListeningAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (!Error.Contains("listening on ", StringComparison.Ordinal))
        {
            Assert.False(process.HasExited, "squad serve ended before listening:\n" + Error);
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), "squad serve did not listen in time:\n" + Error);
            await Task.Delay(50);
        }
    }

    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }
}
