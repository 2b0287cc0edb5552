using System.Text.RegularExpressions;

namespace Squad.Quality.Agent;

/// <summary>
/// The reviewers approve by rule: the briefing's fail→pass table must show every scenario passing at the head, and the
/// tests must pass when the reviewer runs them itself; otherwise they request changes naming what fails.
/// </summary>
internal static class ReviewerPolicy
{
    public static AgentMove Next(Transcript t, bool runsTests)
    {
        var last = t.Last;
        if (runsTests && last is null)
        {
            return AgentMove.Call("run_command", "Running the tests at the head myself.", ("name", "test"));
        }

        if (last is { Tool: "submit_review" })
        {
            return AgentMove.Call("submit_review", "Submitting again.", ("verdict", "comment"), ("body", "The review could not be submitted: " + (last.Result ?? "").Split('\n')[0]));
        }

        var failing = FailingScenarios(t.Briefing);
        var ownRun = t.Calls("run_command").LastOrDefault();
        var ownRunFails = ownRun is not null && ownRun.ExitCode != 0;
        if (failing.Count == 0 && !ownRunFails)
        {
            return AgentMove.Call("submit_review", "Every scenario passes at the head.", ("verdict", "approve"), ("body", "Every acceptance scenario's tests pass at the head, and the tests pass."));
        }

        var reasons = failing.Select(s => $"- {s}: its tests do not pass at the head").ToList();
        if (ownRunFails)
        {
            reasons.Add("- the tests fail at the head: " + (ownRun!.Result ?? "").Split('\n')[0]);
        }

        return AgentMove.Call("submit_review", "Not every scenario passes.", ("verdict", "request_changes"), ("body", "Changes requested:\n" + string.Join('\n', reasons)));
    }

    /// <summary>The scenarios whose last column (at the head) in the briefing's test evidence table is not "passes".</summary>
    public static IReadOnlyList<string> FailingScenarios(string briefing)
    {
        var evidence = briefing.IndexOf("## Test evidence", StringComparison.Ordinal);
        if (evidence < 0)
        {
            return [];
        }

        return [.. Regex.Matches(briefing[evidence..], @"^\|\s*(?<scenario>[^|]+?)\s*\|\s*(?<before>[^|]+?)\s*\|\s*(?<head>[^|]+?)\s*\|\s*$", RegexOptions.Multiline)
            .Where(m => m.Groups["scenario"].Value is not ("Scenario" or "---") && !m.Groups["scenario"].Value.StartsWith("---", StringComparison.Ordinal))
            .Where(m => m.Groups["head"].Value is not ("passes" or "not checked"))
            .Select(m => m.Groups["scenario"].Value)];
    }
}
