using System.Globalization;

namespace Squad.Benchmark;

/// <summary>
/// This process's CPU time, its children's, and its peak working set, from .NET and Linux's /proc.
/// </summary>
internal static class ProcessStats
{
    // /proc reports CPU in USER_HZ ticks, which Linux fixes at 100 a second for user space.
    private const double TicksPerSecond = 100;

    /// <summary>User plus system CPU time of this process's own threads (getrusage, to the microsecond); children are not in it.</summary>
    public static TimeSpan ProcessorTime() => Environment.CpuUsage.TotalTime;

    /// <summary>
    /// CPU time of the children this process has waited for (git, sh and what they ran): cutime plus
    /// cstime of /proc/self/stat. Zero where /proc is missing.
    /// </summary>
    public static TimeSpan ChildProcessorTime()
    {
        const string path = "/proc/self/stat";
        if (!File.Exists(path))
        {
            return TimeSpan.Zero;
        }

        // The command name (field 2) may hold spaces and parentheses: count fields after its closing one.
        var stat = File.ReadAllText(path);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>Peak resident set (VmHWM of /proc/self/status) in bytes; null where /proc is missing.</summary>
    public static long? PeakWorkingSet()
    {
        const string path = "/proc/self/status";
        if (!File.Exists(path))
        {
            return null;
        }

        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null
            ? null
            : long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>Resets the peak resident set to the current one (writing 5 to /proc/self/clear_refs); false if Linux refused.</summary>
    public static bool TryResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The machine's one-minute load average (/proc/loadavg): other work competing for the cores. Null where /proc is missing.</summary>
    public static double? LoadAverage()
    {
        const string path = "/proc/loadavg";
        return File.Exists(path)
            ? double.Parse(File.ReadAllText(path).Split(' ')[0], CultureInfo.InvariantCulture)
            : null;
    }
}
