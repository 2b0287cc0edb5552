using Squad.Core.Domain;

namespace Squad.Core.Orchestration;

/// <summary>Finds issues whose blocked_by chain comes back to them; such issues can never start.</summary>
internal static class DependencyCycles
{
    public static IReadOnlySet<string> Find(IReadOnlyList<Issue> issues)
    {
        var edges = issues.ToDictionary(i => i.Identifier, i => i.BlockedBy, StringComparer.Ordinal);
        var inCycle = new HashSet<string>(StringComparer.Ordinal);
        foreach (var issue in issues)
        {
            if (Reaches(edges, issue.Identifier, issue.Identifier, []))
            {
                inCycle.Add(issue.Identifier);
            }
        }

        return inCycle;
    }

    private static bool Reaches(Dictionary<string, IReadOnlyList<string>> edges, string from, string target, HashSet<string> seen)
    {
        if (!edges.TryGetValue(from, out var next))
        {
            return false;
        }

        foreach (var blocker in next)
        {
            if (blocker == target || (seen.Add(blocker) && Reaches(edges, blocker, target, seen)))
            {
                return true;
            }
        }

        return false;
    }
}
