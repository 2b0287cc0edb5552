namespace Squad.Core.Orchestration;

/// <summary>A git work tree of a squad (on its branch) or of a reviewer (detached at a head).</summary>
public sealed record Workspace
{
    public required string Path { get; init; }

    /// <summary>The branch, or null for a detached reviewer checkout.</summary>
    public string? Branch { get; init; }

    public required string ClonePath { get; init; }
}
