using System.Globalization;
using Squad.Core.Sandbox;

namespace Squad.Sandbox;

/// <summary>
/// One command's own cgroup, with its memory and process limits: the prologue moves itself in before it execs, so every
/// process the command starts is counted, and whatever is left when the command ends is killed before the group goes.
/// A delegated unified (v2) subtree is preferred; otherwise the v1 memory and pids trees when they are writable (as root).
/// </summary>
internal sealed class CgroupScope : IDisposable
{
    private readonly List<string> _folders;

    private CgroupScope(string version, List<string> folders, bool memory, bool processes)
    {
        Version = version;
        _folders = folders;
        LimitsMemory = memory;
        LimitsProcesses = processes;
    }

    /// <summary>"cgroup v2" or "cgroup v1".</summary>
    public string Version { get; }

    public bool LimitsMemory { get; }

    public bool LimitsProcesses { get; }

    /// <summary>The cgroup.procs files the prologue writes its own pid to.</summary>
    public IEnumerable<string> ProcsFiles => _folders.Select(folder => Path.Join(folder, "cgroup.procs"));

    public static CgroupScope? TryCreate(CgroupHierarchy hierarchy, SandboxLimits limits)
    {
        var name = $"squad-{Environment.ProcessId}-{Guid.NewGuid():N}";
        return TryUnified(hierarchy, name, limits) ?? TryV1(hierarchy, name, limits);
    }

    public CgroupCounters ReadCounters()
    {
        long oom = 0, refusals = 0;
        foreach (var folder in _folders)
        {
            oom += Counter(Path.Join(folder, "memory.events"), "oom_kill") + Counter(Path.Join(folder, "memory.oom_control"), "oom_kill");
            refusals += Counter(Path.Join(folder, "pids.events"), "max");
        }

        return new CgroupCounters(oom, refusals);
    }

    /// <summary>Kills every process still in the group: background children the command left behind.</summary>
    public void KillAll()
    {
        foreach (var folder in _folders)
        {
            var kill = Path.Join(folder, "cgroup.kill");
            if (File.Exists(kill) && TryWrite(kill, "1"))
            {
                continue;
            }

            // v1 has no cgroup.kill: kill what is listed until nothing is (a fork bomb may add some meanwhile).
            for (var round = 0; round < 100 && KillListed(folder) > 0; round++)
            {
                Thread.Sleep(5);
            }
        }
    }

    public void Dispose()
    {
        foreach (var folder in _folders)
        {
            // Removal fails while the last killed processes are being reaped: a few short retries.
            for (var attempt = 0; attempt < 50; attempt++)
            {
                try
                {
                    Directory.Delete(folder);
                    break;
                }
                catch (IOException) when (attempt < 49)
                {
                    KillListed(folder);
                    Thread.Sleep(10);
                }
                catch (IOException)
                {
                    // Left behind rather than crash the run; it holds no process.
                }
            }
        }
    }

    private static CgroupScope? TryUnified(CgroupHierarchy hierarchy, string name, SandboxLimits limits)
    {
        if (hierarchy.Unified is null)
        {
            return null;
        }

        var folder = Path.Join(hierarchy.Unified, name);
        if (!TryCreateFolder(folder))
        {
            return null;
        }

        // Only a delegated subtree lets a child have its own memory and pids files.
        if (!File.Exists(Path.Join(folder, "memory.max")) || !File.Exists(Path.Join(folder, "pids.max")))
        {
            TryWrite(Path.Join(hierarchy.Unified, "cgroup.subtree_control"), "+memory +pids");
        }

        if (TryWrite(Path.Join(folder, "memory.max"), Number(limits.MaxMemoryBytes))
            && TryWrite(Path.Join(folder, "pids.max"), Number(limits.MaxProcesses)))
        {
            TryWrite(Path.Join(folder, "memory.swap.max"), "0");
            return new CgroupScope("cgroup v2", [folder], memory: true, processes: true);
        }

        TryDelete(folder);
        return null;
    }

    private static CgroupScope? TryV1(CgroupHierarchy hierarchy, string name, SandboxLimits limits)
    {
        var folders = new List<string>();
        var memory = hierarchy.MemoryV1 is { } memoryRoot && TryV1Folder(Path.Join(memoryRoot, name), folders, folder =>
            TryWrite(Path.Join(folder, "memory.limit_in_bytes"), Number(limits.MaxMemoryBytes))
            // Without swap accounting the file is absent; with it, swap must not extend the limit.
            && (TryWrite(Path.Join(folder, "memory.memsw.limit_in_bytes"), Number(limits.MaxMemoryBytes)) || true));
        var processes = hierarchy.PidsV1 is { } pidsRoot && TryV1Folder(Path.Join(pidsRoot, name), folders, folder =>
            TryWrite(Path.Join(folder, "pids.max"), Number(limits.MaxProcesses)));
        return folders.Count == 0 ? null : new CgroupScope("cgroup v1", folders, memory, processes);
    }

    private static bool TryV1Folder(string folder, List<string> folders, Func<string, bool> configure)
    {
        if (!TryCreateFolder(folder))
        {
            return false;
        }

        if (configure(folder))
        {
            folders.Add(folder);
            return true;
        }

        TryDelete(folder);
        return false;
    }

    private static int KillListed(string folder)
    {
        string[] pids;
        try
        {
            pids = File.ReadAllLines(Path.Join(folder, "cgroup.procs"));
        }
        catch (IOException)
        {
            return 0;
        }

        foreach (var pid in pids)
        {
            if (int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            {
                NativeMethods.Kill(id, NativeMethods.SigKill);
            }
        }

        return pids.Length;
    }

    private static long Counter(string file, string key)
    {
        try
        {
            foreach (var line in File.ReadLines(file))
            {
                var parts = line.Split(' ', 2);
                if (parts.Length == 2 && parts[0] == key && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                {
                    return value;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }

        return 0;
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static bool TryCreateFolder(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool TryWrite(string file, string value)
    {
        try
        {
            File.WriteAllText(file, value);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }
}
