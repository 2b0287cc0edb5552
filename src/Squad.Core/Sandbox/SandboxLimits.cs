namespace Squad.Core.Sandbox;

/// <summary>Resource limits of one sandboxed command.</summary>
public sealed record SandboxLimits
{
    public static SandboxLimits Default { get; } = new();

    /// <summary>Processes and threads at once inside the sandbox (a fork bomb stops here).</summary>
    public int MaxProcesses { get; init; } = 512;

    /// <summary>Memory of every process inside together.</summary>
    public long MaxMemoryBytes { get; init; } = 4L * 1024 * 1024 * 1024;

    /// <summary>The largest file a process inside may write.</summary>
    public long MaxFileSizeBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Output kept, head and tail together; the rest is counted, never held in memory.</summary>
    public int MaxOutputBytes { get; init; } = 1024 * 1024;
}
