using System.Collections.Concurrent;
using System.Diagnostics;

namespace Squad.Sandbox;

/// <summary>
/// Starts sandbox processes from one thread that lives as long as Squad. bubblewrap's <c>--die-with-parent</c> is
/// <c>PR_SET_PDEATHSIG</c>, which the kernel fires when the thread that forked the process exits, not the process:
/// started from a thread-pool thread that the pool later retires, a sandbox is SIGKILLed in the middle of its command.
/// </summary>
internal static class ProcessStarter
{
    private static readonly BlockingCollection<(ProcessStartInfo Info, TaskCompletionSource<Process> Started)> Requests = [];

    static ProcessStarter()
    {
        var thread = new Thread(Serve) { IsBackground = true, Name = "squad-sandbox-starter" };
        thread.Start();
    }

    /// <summary>Starts <paramref name="info"/> on the starter thread; the process is the caller's to use and dispose.</summary>
    public static Task<Process> StartAsync(ProcessStartInfo info)
    {
        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        Requests.Add((info, started));
        return started.Task;
    }

    private static void Serve()
    {
        foreach (var (info, started) in Requests.GetConsumingEnumerable())
        {
            try
            {
                started.SetResult(Process.Start(info) ?? throw new InvalidOperationException($"{info.FileName} did not start"));
            }
            catch (Exception ex)
            {
                started.SetException(ex);
            }
        }
    }
}
