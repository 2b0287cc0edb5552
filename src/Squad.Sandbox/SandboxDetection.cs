namespace Squad.Sandbox;

/// <summary>The sandbox this machine can give, or why it cannot and how to fix that.</summary>
public sealed record SandboxDetection
{
    public BubblewrapSandbox? Sandbox { get; init; }

    /// <summary>One line for people when <see cref="Sandbox"/> is null: what is missing and how to fix it.</summary>
    public string? Reason { get; init; }
}
