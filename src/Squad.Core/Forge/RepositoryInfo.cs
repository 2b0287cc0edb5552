namespace Squad.Core.Forge;

/// <summary>A repository at the code host.</summary>
public sealed record RepositoryInfo
{
    public required string Name { get; init; }

    /// <summary>What git fetches from: a path for the local forge, an https URL for GitHub (never with a token in it).</summary>
    public required string FetchUrl { get; init; }

    public required string DefaultBranch { get; init; }
}
