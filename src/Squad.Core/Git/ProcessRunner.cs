using System.Diagnostics;
using System.Text;

namespace Squad.Core.Git;

/// <summary>
/// Runs child processes with an explicit environment: when an environment is given,
/// the child gets exactly those variables and nothing inherited from the orchestrator. On Linux it is spawned directly
/// (<see cref="SpawnedProcess"/>); elsewhere through <see cref="Process"/>.
/// </summary>
public static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? timeout = null,
        string? standardInput = null,
        bool outputBytes = false,
        CancellationToken cancellationToken = default)
    {
        if (OperatingSystem.IsLinux() && SpawnedProcess.Supported)
        {
            return await SpawnedProcess.RunAsync(fileName, arguments, workingDirectory, environment, timeout, standardInput, outputBytes, cancellationToken);
        }

        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        if (environment is not null)
        {
            startInfo.Environment.Clear();
            foreach (var (key, value) in environment)
            {
                startInfo.Environment[key] = value;
            }
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return new ProcessResult { ExitCode = 127, StandardOutput = "", StandardError = $"cannot start {fileName}: {ex.Message}", Duration = stopwatch.Elapsed };
        }

        var bytes = new MemoryStream();
        async Task<string> CopyBytesAsync()
        {
            await process.StandardOutput.BaseStream.CopyToAsync(bytes, CancellationToken.None);
            return "";
        }

        var stdout = outputBytes ? CopyBytesAsync() : process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput.AsMemory(), cancellationToken);
        }

        process.StandardInput.Close();

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } limit)
        {
            timeoutSource.CancelAfter(limit);
        }

        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            timedOut = true;
        }

        var output = await stdout;
        var error = await stderr;

        // Process.Dispose leaves streams read synchronously open; undisposed, each pipe is closed later by the finalizer
        // thread, which then spends more CPU than the reads did.
        process.StandardOutput.Dispose();
        process.StandardError.Dispose();
        return new ProcessResult
        {
            ExitCode = timedOut ? 124 : process.ExitCode,
            StandardOutput = output,
            StandardError = error,
            OutputBytes = outputBytes ? bytes.ToArray() : null,
            Duration = stopwatch.Elapsed,
            TimedOut = timedOut,
        };
    }
}
