using System.Collections.Concurrent;

namespace Squad.Local.Tracking;

/// <summary>
/// One lock per file path for the whole process, so that squads writing to the same issue file
/// (even through different tracker instances) take turns.
/// </summary>
internal static class FileLocks
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    public static async Task RunAsync(string path, Func<Task> action, CancellationToken cancellationToken)
    {
        var gate = Gates.GetOrAdd(Path.GetFullPath(path), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            await action();
        }
        finally
        {
            gate.Release();
        }
    }
}
