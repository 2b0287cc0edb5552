namespace Squad.Local.Tracking;

/// <summary>What <c>milestone.yml</c> says about a local milestone, with paths made absolute.</summary>
public sealed record LocalMilestoneInfo
{
    /// <summary>The milestone folder, full and normalized: the milestone's key.</summary>
    public required string Folder { get; init; }

    public required string Name { get; init; }

    /// <summary>The name of the target repository in the code host.</summary>
    public required string Repository { get; init; }

    /// <summary>The folder whose content is imported into the local forge, when the milestone names one.</summary>
    public string? Source { get; init; }

    /// <summary>The branch pull requests target; <c>main</c> unless the file says otherwise.</summary>
    public required string DefaultBranch { get; init; }
}
