namespace Squad.Core.Sandbox;

/// <summary>What a sandboxed command did.</summary>
public sealed record SandboxResult
{
    public required int ExitCode { get; init; }

    /// <summary>Standard output and error together, in order; when longer than the limit, its head and tail with a note of what was cut.</summary>
    public required string Output { get; init; }

    /// <summary>Every byte the command wrote, kept or not.</summary>
    public long OutputBytes { get; init; }

    public required TimeSpan Duration { get; init; }

    public bool TimedOut { get; init; }

    /// <summary>Why the sandbox stopped the command, in one line, when a limit did (timeout, memory, processes, file size).</summary>
    public string? LimitReason { get; init; }

    public bool Succeeded => ExitCode == 0 && !TimedOut && LimitReason is null;
}
