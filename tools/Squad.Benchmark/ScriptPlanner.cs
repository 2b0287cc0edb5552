using System.Text.RegularExpressions;
using Squad.Core.Domain;

namespace Squad.Benchmark;

/// <summary>
/// The turns each role plays: exactly <c>calls</c> model calls per pass. Each pass first explores
/// (the files the squad changed so far, a listing of the issue's module, a search in it, a search of
/// the whole repository, then reads of the module's files), then does its role's work: QA writes
/// and commits a test, the Developer writes, edits and commits the feature, each reviewer runs a
/// check and submits an approval. The last turn is the final answer.
/// </summary>
internal static class ScriptPlanner
{
    public const string ModuleSearch = @"Compute(Total|Amount)\w*";

    public static IReadOnlyList<PlannedTurn> Plan(IssuePlan issue, string role, int calls)
    {
        var (seen, work) = Parts(issue, role);
        var exploring = calls - work.Count;
        if (exploring < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(calls), calls, $"the {role} needs more than {work.Count} calls");
        }

        return [.. Explore(issue, seen).Take(exploring), .. work];
    }

    private static (IReadOnlyList<string> Seen, List<PlannedTurn> Work) Parts(IssuePlan issue, string role) => role switch
    {
        RoleNames.Qa => ([], Qa(issue)),
        RoleNames.Developer => ([issue.TestFile], Developer(issue)),
        RoleNames.CodeReviewer => ([issue.FeatureFile, issue.TestFile], Review(issue, "lint", "The change is small, in its own folder, and follows the repository's layout.")),
        RoleNames.QaSpecialist => ([issue.TestFile, issue.FeatureFile], Review(issue, "test", "Both scenarios are verified by the test, which fails without the feature.")),
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "not a squad role"),
    };

    private static IEnumerable<PlannedTurn> Explore(IssuePlan issue, IReadOnlyList<string> changed)
    {
        foreach (var path in changed)
        {
            yield return PlannedTurn.Call("read_file", ("path", path));
        }

        yield return PlannedTurn.Call("list_files", ("path", issue.ModuleFolder));
        yield return PlannedTurn.Call("search_files", ("pattern", ModuleSearch), ("path", issue.ModuleFolder));
        yield return PlannedTurn.Call("search_files", ("pattern", Regex.Escape(SyntheticSource.RegistrySymbol)));
        for (var i = 0; ; i++)
        {
            yield return PlannedTurn.Call("read_file", ("path", issue.ModuleFiles[i % issue.ModuleFiles.Count]));
        }
    }

    private static List<PlannedTurn> Qa(IssuePlan issue) =>
    [
        PlannedTurn.Call("write_file", ("path", issue.TestFile), ("content", TestScript(issue))),
        PlannedTurn.Call("run_command", ("name", "lint")),
        PlannedTurn.Call("commit", ("message", $"{issue.Identifier}: test the feature's scenarios")),
        PlannedTurn.Final($"{issue.TestFile} covers both scenarios: the ready line and the module name."),
    ];

    private static List<PlannedTurn> Developer(IssuePlan issue) =>
    [
        PlannedTurn.Call("write_file", ("path", issue.FeatureFile), ("content", issue.ReadyLine + "\n")),
        PlannedTurn.Call("edit_file", ("path", issue.FeatureFile), ("old_text", issue.ReadyLine), ("new_text", $"{issue.ReadyLine}\nmodule: {issue.ModuleName}")),
        PlannedTurn.Call("run_command", ("name", "test")),
        PlannedTurn.Call("commit", ("message", $"{issue.Identifier}: add the feature")),
        PlannedTurn.Final($"Adds {issue.FeatureFile}, which announces the feature and names {issue.ModuleName}. The QA test passes."),
    ];

    private static List<PlannedTurn> Review(IssuePlan issue, string check, string body) =>
    [
        PlannedTurn.Call("run_command", ("name", check)),
        PlannedTurn.Call("submit_review", ("verdict", "approve"), ("body", body)),
        PlannedTurn.Final($"Approved {issue.Identifier}."),
    ];

    private static string TestScript(IssuePlan issue) =>
        $"# Scenario: The feature announces itself\ngrep -q \"{issue.ReadyLine}\" {issue.FeatureFile}\n" +
        $"# Scenario: The feature names its module\ngrep -q \"{issue.ModuleName}\" {issue.FeatureFile}\n";
}
