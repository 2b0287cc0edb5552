using Squad.Core.Forge;

namespace Squad.GitHub;

/// <summary>
/// Commit statuses and check runs (GitHub Actions reports as check runs) folded into one state. Squad's own
/// <c>squad/*</c> statuses are left out: they are verdicts, not checks.
/// </summary>
internal static class ChecksSummary
{
    public const string OwnContextPrefix = "squad/";

    private static readonly HashSet<string> PassingConclusions = ["success", "neutral", "skipped"];

    /// <summary>
    /// Every commit status and check run on <paramref name="sha"/>, each as passing, pending or failing. The combined status
    /// is read through Octokit's connection with <c>per_page=100</c> (its <c>GetCombined</c> takes no page size, and GitHub
    /// lists 30 statuses by default); the check runs through <c>Check.Run.GetAllForReference</c>, a hundred to a page.
    /// </summary>
    public static async Task<IReadOnlyList<(string Context, ChecksState State)>> ReadAsync(GitHubApi api, GitHubRepositoryName name, string sha)
    {
        var commit = $"{name.Path}/commits/{Uri.EscapeDataString(sha)}";
        var status = await api.CallAsync(HttpMethod.Get, $"{commit}/status", () => api.Connection.Get<Octokit.CombinedCommitStatus>(
            new Uri($"{commit}/status", UriKind.Relative), new Dictionary<string, string> { ["per_page"] = "100" }));
        var runs = await api.CallAsync(HttpMethod.Get, $"{commit}/check-runs", () => api.Octokit.Check.Run.GetAllForReference(
            name.Owner, name.Name, sha, new Octokit.CheckRunRequest(), GitHubApi.Pages));
        return [.. status.Statuses.Select(s => (s.Context, State: s.State.StringValue switch
            {
                "success" => ChecksState.Passing,
                "pending" => ChecksState.Pending,
                _ => ChecksState.Failing,
            }))
            .Concat(runs.CheckRuns.Select(r => (Context: r.Name, State: r.Status.StringValue != "completed"
                ? ChecksState.Pending
                : PassingConclusions.Contains(r.Conclusion?.StringValue ?? "") ? ChecksState.Passing : ChecksState.Failing)))];
    }

    public static ChecksResult Combine(IReadOnlyList<(string Context, ChecksState State)> all)
    {
        var checks = all.Where(c => !c.Context.StartsWith(OwnContextPrefix, StringComparison.Ordinal)).ToList();
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
