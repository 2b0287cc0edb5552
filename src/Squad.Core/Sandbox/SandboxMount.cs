namespace Squad.Core.Sandbox;

/// <summary>A host folder made visible inside the sandbox at the same path.</summary>
public sealed record SandboxMount
{
    public required string Path { get; init; }

    /// <summary>Read-only unless a command must fill it (a setup command filling a package cache).</summary>
    public bool Writable { get; init; }
}
