namespace Squad.Core.Sandbox;

/// <summary>What a sandbox is, for people: shown first in every run and by <c>squad doctor</c>.</summary>
public sealed record SandboxInfo
{
    /// <summary>Its kind and version, such as <c>bubblewrap 0.8.0</c>, or <c>none</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>False when commands run on the host as the orchestrator's user (<c>--no-sandbox</c>).</summary>
    public required bool Contained { get; init; }

    /// <summary>One line on what a command inside can see and do.</summary>
    public required string Description { get; init; }
}
