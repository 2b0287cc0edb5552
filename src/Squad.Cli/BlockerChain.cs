using Squad.Core.Domain;

namespace Squad.Cli;

/// <summary>Whether an issue's blockers lead back to it: such a squad would wait for itself.</summary>
internal static class BlockerChain
{
    public static bool InCycle(Milestone milestone, string identifier)
    {
        var byId = milestone.Issues.ToDictionary(i => i.Identifier, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(byId.TryGetValue(identifier, out var start) ? start.BlockedBy : []);
        while (pending.TryPop(out var next))
        {
            if (next == identifier)
            {
                return true;
            }

            if (seen.Add(next) && byId.TryGetValue(next, out var issue))
            {
                foreach (var blocker in issue.BlockedBy)
                {
                    pending.Push(blocker);
                }
            }
        }

        return false;
    }
}
