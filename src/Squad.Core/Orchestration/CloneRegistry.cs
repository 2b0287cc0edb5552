using System.Collections.Concurrent;

namespace Squad.Core.Orchestration;

/// <summary>
/// What the workspace managers of one process share about each clone: the lock that serializes git on it, and whether
/// it was recovered and checked. Two runs in one process (two Slack commands on <c>squad serve</c>, two milestones on a
/// cluster worker) each compose their own manager; sharing this keeps one run's recovery from deleting a clone the other
/// is building, or the lock files of its git commands.
/// </summary>
public sealed class CloneRegistry
{
    /// <summary>The registry of this process: what every run's services use unless a test gives its own.</summary>
    public static CloneRegistry Process { get; } = new();

    internal ConcurrentDictionary<string, SemaphoreSlim> Locks { get; } = new(StringComparer.Ordinal);

    internal ConcurrentDictionary<string, bool> Recovered { get; } = new(StringComparer.Ordinal);

    internal ConcurrentDictionary<string, bool> Checked { get; } = new(StringComparer.Ordinal);

    internal ConcurrentDictionary<string, CloneFetches> Fetches { get; } = new(StringComparer.Ordinal);
}
