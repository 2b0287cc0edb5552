namespace Squad.Core.Orchestration;

/// <summary>A git work tree of a squad (on its branch) or of a reviewer (detached at a head).</summary>
public sealed record Workspace
{
    public required string Path { get; init; }

    /// <summary>The branch, or null for a detached reviewer checkout.</summary>
    public string? Branch { get; init; }

    public required string ClonePath { get; init; }

    /// <summary>A throwaway copy without git metadata (for a reviewer's commands or the gate's checks), not a work tree.</summary>
    public bool IsCopy { get; init; }

    /// <summary>A copy's files as Squad wrote them, before anything ran there: what lets a spent copy be reused.</summary>
    internal TreeStamps? Stamps { get; init; }
}
