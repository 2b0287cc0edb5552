namespace Squad.Core.Sandbox;

/// <summary>One command to run in the sandbox, and everything it may see.</summary>
public sealed record SandboxCommand
{
    /// <summary>A shell command line, run as <c>/bin/sh -c</c>.</summary>
    public required string CommandLine { get; init; }

    /// <summary>The one writable tree (a squad's work tree, or a throwaway copy); the command starts there.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>The whole environment of the command: nothing is inherited from the orchestrator.</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    /// <summary>Host folders the command may also see at their own path, such as toolchain caches.</summary>
    public IReadOnlyList<SandboxMount> Mounts { get; init; } = [];

    /// <summary>Whether the command reaches the network; otherwise it has a loopback of its own and nothing else.</summary>
    public bool Network { get; init; }

    /// <summary>A wall-clock limit over the whole sandbox, every process in it included.</summary>
    public required TimeSpan Timeout { get; init; }

    public SandboxLimits Limits { get; init; } = SandboxLimits.Default;
}
