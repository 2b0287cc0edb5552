using System.Diagnostics;
using Squad.Core.Sandbox;

namespace Squad.Sandbox;

/// <summary>
/// Runs one launch plan behind the prologue: output streamed into a capped buffer, the wall-clock limit, the process
/// limit watch, and at the end the kill of whatever is left. It waits for the process, never for the end of its output.
/// </summary>
internal sealed class CommandRunner(CgroupHierarchy hierarchy, TimeProvider timeProvider)
{
    // After the process and everything left of it are killed, output still in the pipe is read until its end, this long at
    // most (a loaded machine may take a while to schedule the readers); only a holder outside the sandbox's reach hits it.
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(5);

    // A fork bomb keeps hitting the process limit; a parallel build touches it and recovers. Two seconds of refusals end it.
    private static readonly TimeSpan LimitPoll = TimeSpan.FromMilliseconds(250);
    private const int RefusingPolls = 8;

    private const int FileSizeExitCode = 128 + 25;

    public async Task<SandboxResult> RunAsync(LaunchPlan plan, SandboxCommand command, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var limits = command.Limits;
        using var cgroup = CgroupScope.TryCreate(hierarchy, limits);
        var output = new OutputBuffer(limits.MaxOutputBytes);
        var started = timeProvider.GetTimestamp();
        using var process = await StartAsync(plan, limits, cgroup);
        Task[] readers = [PumpAsync(process.StandardOutput.BaseStream, output), PumpAsync(process.StandardError.BaseStream, output)];

        using var timeout = new CancellationTokenSource(command.Timeout, timeProvider);
        using var limitHit = new CancellationTokenSource();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, limitHit.Token, cancellationToken);
        using var watch = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
        var watcher = cgroup is { LimitsProcesses: true } ? WatchProcessLimitAsync(cgroup, limitHit, watch.Token) : Task.CompletedTask;
        try
        {
            await process.WaitForExitAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
            Kill(process, plan);
        }

        await watch.CancelAsync();
        await watcher;
        await EndAsync(process, plan, cgroup);
        await DrainAsync(readers);

        // Process.Dispose leaves the redirected streams open: closed here, not later by the finalizer thread.
        process.StandardOutput.Dispose();
        process.StandardError.Dispose();
        cancellationToken.ThrowIfCancellationRequested();

        var counters = cgroup?.ReadCounters() ?? default;
        var exitCode = process.ExitCode;
        return new SandboxResult
        {
            ExitCode = exitCode,
            Output = output.Render(),
            OutputBytes = output.TotalBytes,
            Duration = timeProvider.GetElapsedTime(started),
            TimedOut = timeout.IsCancellationRequested,
            LimitReason = LimitReason(command, counters, limitHit.IsCancellationRequested, exitCode, timeout.IsCancellationRequested),
        };
    }

    private static string? LimitReason(SandboxCommand command, CgroupCounters counters, bool processLimit, int exitCode, bool timedOut)
    {
        var limits = command.Limits;
        var reasons = new List<string>();
        if (counters.OomKills > 0)
        {
            reasons.Add($"memory limit of {ByteSize.Format(limits.MaxMemoryBytes)} reached");
        }

        // A refusal the command recovered from (exit 0) is not what stopped it.
        if (processLimit || (counters.ProcessRefusals > 0 && exitCode != 0))
        {
            reasons.Add($"process limit of {limits.MaxProcesses} reached");
        }

        if (exitCode == FileSizeExitCode)
        {
            reasons.Add($"file size limit of {ByteSize.Format(limits.MaxFileSizeBytes)} reached");
        }

        if (timedOut)
        {
            reasons.Add($"timed out after {command.Timeout.TotalSeconds:0.#} s");
        }

        return reasons.Count == 0 ? null : string.Join("; ", reasons);
    }

    private static async Task<Process> StartAsync(LaunchPlan plan, SandboxLimits limits, CgroupScope? cgroup)
    {
        var info = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = plan.WorkingDirectory,
        };
        foreach (var argument in Prologue.Arguments(limits, cgroup?.ProcsFiles ?? [], plan.Program))
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment.Clear();
        foreach (var (name, value) in plan.Environment)
        {
            info.Environment[name] = value;
        }

        var process = await ProcessStarter.StartAsync(info);
        // Commands read no terminal: input is closed at once, so nothing waits on it.
        process.StandardInput.Close();
        return process;
    }

    private async Task WatchProcessLimitAsync(CgroupScope cgroup, CancellationTokenSource limitHit, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(LimitPoll, timeProvider);
        long last = 0;
        var refusing = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var refusals = cgroup.ReadCounters().ProcessRefusals;
                refusing = refusals > last ? refusing + 1 : 0;
                last = refusals;
                if (refusing >= RefusingPolls)
                {
                    await limitHit.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task EndAsync(Process process, LaunchPlan plan, CgroupScope? cgroup)
    {
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            Kill(process, plan);
            await process.WaitForExitAsync();
        }

        // The command is over: whatever it left running (background children) goes with it.
        if (plan.OwnProcessGroup)
        {
            NativeMethods.Kill(-process.Id, NativeMethods.SigKill);
        }

        cgroup?.KillAll();
    }

    private static void Kill(Process process, LaunchPlan plan)
    {
        if (plan.OwnProcessGroup)
        {
            NativeMethods.Kill(-process.Id, NativeMethods.SigKill);
        }

        try
        {
            // SIGKILL to bubblewrap ends its pid namespace, every process in it included (--die-with-parent).
            process.Kill();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static async Task DrainAsync(Task[] readers)
    {
        try
        {
            await Task.WhenAll(readers).WaitAsync(DrainGrace);
        }
        catch (TimeoutException)
        {
            // Something outside the sandbox's reach still holds the pipe; its output is not waited for.
        }
    }

    private static async Task PumpAsync(Stream stream, OutputBuffer output)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                output.Append(buffer.AsSpan(0, read));
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The pipe was closed under us after the drain grace.
        }
    }
}
