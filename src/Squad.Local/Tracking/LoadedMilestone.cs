using Squad.Core.Domain;

namespace Squad.Local.Tracking;

/// <summary>A milestone read from its folder, with the file each issue lives in.</summary>
internal sealed record LoadedMilestone
{
    public required Milestone Milestone { get; init; }

    /// <summary>Issue identifier (case-insensitive) to the full path of its file.</summary>
    public required IReadOnlyDictionary<string, string> Files { get; init; }
}
