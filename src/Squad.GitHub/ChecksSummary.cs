using Squad.Core.Forge;
using Squad.GitHub.Wire;

namespace Squad.GitHub;

/// <summary>
/// Commit statuses and check runs (GitHub Actions reports as check runs) folded into one state. Squad's own
/// <c>squad/*</c> statuses are left out: they are verdicts, not checks.
/// </summary>
internal static class ChecksSummary
{
    public const string OwnContextPrefix = "squad/";

    private static readonly HashSet<string> PassingConclusions = ["success", "neutral", "skipped"];

    public static ChecksResult Combine(GitHubCombinedStatusDto status, GitHubCheckRunsDto runs)
    {
        var checks = status.Statuses
            .Where(s => !s.Context.StartsWith(OwnContextPrefix, StringComparison.Ordinal))
            .Select(s => (s.Context, State: s.State switch
            {
                "success" => ChecksState.Passing,
                "pending" => ChecksState.Pending,
                _ => ChecksState.Failing,
            }))
            .Concat(runs.CheckRuns.Select(r => (Context: r.Name, State: r.Status != "completed"
                ? ChecksState.Pending
                : PassingConclusions.Contains(r.Conclusion ?? "") ? ChecksState.Passing : ChecksState.Failing)))
            .ToList();
        if (checks.Count == 0)
        {
            return ChecksResult.Passing("no checks on this commit");
        }

        var failing = checks.Where(c => c.State == ChecksState.Failing).Select(c => c.Context).ToList();
        var pending = checks.Where(c => c.State == ChecksState.Pending).Select(c => c.Context).ToList();
        if (failing.Count > 0)
        {
            return new ChecksResult { State = ChecksState.Failing, Summary = "failing: " + string.Join(", ", failing) };
        }

        return pending.Count > 0
            ? new ChecksResult { State = ChecksState.Pending, Summary = "pending: " + string.Join(", ", pending) }
            : ChecksResult.Passing($"{checks.Count} check(s) green");
    }
}
