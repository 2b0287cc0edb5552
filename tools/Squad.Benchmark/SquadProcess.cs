using System.Diagnostics;

namespace Squad.Benchmark;

/// <summary>The built <c>squad</c> CLI as a child process, stopped the way an operator's <c>kill -9</c> does.</summary>
internal sealed class SquadProcess(string squadDll)
{
    /// <summary>No run of the soak's milestone comes near this; one that does is stuck and is killed.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    /// <summary>
    /// <c>dotnet squad.dll run MILESTONE --data-dir DIR --json</c>. With <paramref name="killAfter"/>, SIGKILL goes to the
    /// process and every process under it (git, shells, the sandbox) at that moment, unless it ended before.
    /// </summary>
    public async Task<SquadExit> RunAsync(string milestone, string dataDirectory, TimeSpan? killAfter, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { squadDll, "run", milestone, "--data-dir", dataDirectory, "--json" })
        {
            info.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        var exited = process.WaitForExitAsync(cancellationToken);
        var killed = false;
        try
        {
            if (killAfter is { } delay && await Task.WhenAny(exited, Task.Delay(delay, cancellationToken)) != exited)
            {
                process.Kill(entireProcessTree: true);
                killed = true;
            }

            if (await Task.WhenAny(exited, Task.Delay(Limit, cancellationToken)) != exited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
                return new SquadExit { ExitCode = -1, Killed = killed, Elapsed = clock.Elapsed, Output = "", Error = $"still running after {Limit.TotalMinutes} minutes: killed" };
            }
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        await exited;
        var elapsed = clock.Elapsed;
        return new SquadExit { ExitCode = process.ExitCode, Killed = killed, Elapsed = elapsed, Output = await output, Error = await error };
    }
}
