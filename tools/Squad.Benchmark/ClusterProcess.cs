using System.Collections.Concurrent;
using System.Diagnostics;

namespace Squad.Benchmark;

/// <summary>A <c>dotnet squad.dll ...</c> child (a worker or a client) whose output lines are kept with the time each arrived.</summary>
internal sealed class ClusterProcess : IDisposable
{
    private readonly Process process;
    private readonly Stopwatch clock;

    public ClusterProcess(string squadDll, Stopwatch clock, IEnumerable<string> arguments)
    {
        this.clock = clock;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(squadDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public ConcurrentQueue<(TimeSpan At, string Line)> Lines { get; } = new();

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>When a line containing <paramref name="text"/> arrived, waiting for it up to <paramref name="limit"/>.</summary>
    public async Task<TimeSpan> WaitForAsync(string text, TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = clock.Elapsed + limit;
        while (clock.Elapsed < deadline)
        {
            foreach (var (at, line) in Lines)
            {
                if (line.Contains(text, StringComparison.Ordinal))
                {
                    return at;
                }
            }

            await Task.Delay(20, cancellationToken);
        }

        throw new TimeoutException($"no line with '{text}' within {limit.TotalSeconds} s:\n{string.Join('\n', Lines.Select(l => l.Line))}");
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken) => process.WaitForExitAsync(cancellationToken);

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
        if (line is not null)
        {
            Lines.Enqueue((clock.Elapsed, line));
        }
    }
}
