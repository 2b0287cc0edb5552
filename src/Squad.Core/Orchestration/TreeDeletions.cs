using Squad.Core.Git;

namespace Squad.Core.Orchestration;

/// <summary>
/// Trees a run no longer needs, deleted after it at the lowest CPU priority: its spare copies and templates (each a whole
/// repository's files) are renamed aside at once, then removed by <c>nice rm -rf</c>, one batch after another, so the
/// run's summary does not wait for some thousand unlinks a tree. The process awaits them before it ends
/// (<see cref="WaitAsync"/>); a process killed meanwhile leaves the renamed folders beside the trees, where the next
/// run's first sweep deletes everything it finds.
/// </summary>
public static class TreeDeletions
{
    /// <summary>The name prefix of a tree renamed aside for deletion.</summary>
    internal const string Prefix = ".deleting-";

    private static readonly Dictionary<string, string> Environment = new() { ["PATH"] = "/usr/bin:/bin", ["LC_ALL"] = "C" };
    private static readonly Lock Gate = new();
    private static Task pending = Task.CompletedTask;

    /// <summary>Renames each of <paramref name="paths"/> aside now and deletes them in the background; one that cannot be renamed is deleted now.</summary>
    internal static void Start(IEnumerable<string> paths)
    {
        var aside = new List<string>();
        foreach (var path in paths)
        {
            var renamed = Path.Combine(Path.GetDirectoryName(path)!, Prefix + Guid.NewGuid().ToString("N")[..16]);
            try
            {
                Directory.Move(path, renamed);
                aside.Add(renamed);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                FileTree.TryDelete(path);
            }
        }

        if (aside.Count == 0)
        {
            return;
        }

        lock (Gate)
        {
            pending = DeleteAfterAsync(pending, aside);
        }
    }

    /// <summary>Completes once every tree given so far is deleted (or left for the next run's sweep).</summary>
    public static Task WaitAsync()
    {
        lock (Gate)
        {
            return pending;
        }
    }

    private static async Task DeleteAfterAsync(Task previous, List<string> paths)
    {
        await previous;
        try
        {
            await ProcessRunner.RunAsync("nice", ["-n", "19", "rm", "-rf", "--one-file-system", "--", .. paths], Path.GetDirectoryName(paths[0])!,
                Environment, TimeSpan.FromMinutes(10));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            // Deleted below instead.
        }

        // What rm could not delete (no rm here, a folder a command closed): as the run's own sweep does.
        foreach (var path in paths)
        {
            FileTree.TryDelete(path);
        }
    }
}
