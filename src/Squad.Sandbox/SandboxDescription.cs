using Squad.Core.Sandbox;

namespace Squad.Sandbox;

/// <summary>
/// The limits part of <see cref="SandboxInfo.Description"/>, from what this machine actually enforces: a throwaway
/// cgroup is created once to find out, so a limit nothing enforces is said to be off rather than claimed.
/// </summary>
internal static class SandboxDescription
{
    public static string Limits(CgroupHierarchy hierarchy)
    {
        var limits = SandboxLimits.Default;
        using var probe = CgroupScope.TryCreate(hierarchy, limits);
        var memory = probe is { LimitsMemory: true }
            ? $"memory {ByteSize.Format(limits.MaxMemoryBytes)}"
            : "memory not limited (no writable cgroup)";
        var processes = probe switch
        {
            { LimitsProcesses: true } => $"{limits.MaxProcesses} processes",
            // RLIMIT_NPROC does not bind the host's root user, even inside a user namespace.
            _ when Environment.IsPrivilegedProcess => "processes not limited (no writable cgroup; root ignores RLIMIT_NPROC)",
            _ => $"{limits.MaxProcesses} processes of this user (RLIMIT_NPROC)",
        };
        var files = $"{ByteSize.Format(limits.MaxFileSizeBytes)} files";
        return probe is null ? $"{memory}, {processes}, {files}" : $"{memory}, {processes}, {files} ({probe.Version})";
    }
}
