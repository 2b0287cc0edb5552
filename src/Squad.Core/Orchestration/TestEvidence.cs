using System.Text;
using Squad.Core.Tools;

namespace Squad.Core.Orchestration;

/// <summary>
/// Reads a run of the repository's tests per acceptance scenario: a scenario fails when a failing line of the output names
/// its test (compared on letters and digits, as QA's tests are named after the scenarios), passes when the run passed or
/// failed on other tests only. Stored after QA's pass as a summary line and one line per scenario.
/// </summary>
internal static class TestEvidence
{
    public const string TestCommand = "test";

    private static readonly string[] FailureWords = ["fail", "error", "\u2715", "\u2717", "\u00d7"];

    private static readonly (ScenarioOutcome Outcome, string Word)[] Words =
    [
        (ScenarioOutcome.Untested, "no test"), (ScenarioOutcome.Fails, "fails"), (ScenarioOutcome.Passes, "passes"),
        (ScenarioOutcome.RunFailed, "run fails"), (ScenarioOutcome.NotRun, "not run"),
    ];

    /// <summary>
    /// The commands the head's evidence runs: the merge guardrails when they hold the tests (the gate's own verdict, in
    /// advance), else the <c>test</c> command alone; null when the repository has no <c>test</c> command.
    /// </summary>
    public static IReadOnlyList<string>? Commands(Configuration.RepositoryConfig config)
        => !config.Commands.ContainsKey(TestCommand) ? null
            : config.Merge.Contains(TestCommand, StringComparer.Ordinal) ? config.Merge
            : [TestCommand];

    /// <param name="tests">Per scenario, the places in QA's commits that name it.</param>
    /// <param name="failure">The first command of the check that failed, or null when all passed.</param>
    public static IReadOnlyList<(string Scenario, ScenarioOutcome Outcome)> Judge(
        IReadOnlyList<(string Scenario, IReadOnlyList<string> Places)> tests, CommandOutcome? failure)
    {
        if (failure is null)
        {
            return [.. tests.Select(t => (t.Scenario, t.Places.Count == 0 ? ScenarioOutcome.Untested : ScenarioOutcome.Passes))];
        }

        if (failure.Name != TestCommand)
        {
            return [.. tests.Select(t => (t.Scenario, t.Places.Count == 0 ? ScenarioOutcome.Untested : ScenarioOutcome.NotRun))];
        }

        var output = failure.FullOutput.Length > 0 ? failure.FullOutput : failure.Output;
        var failing = output.Split('\n')
            .Where(line => FailureWords.Any(word => line.Contains(word, StringComparison.OrdinalIgnoreCase)))
            .Select(BranchRecord.Letters)
            .ToList();
        bool Named(string scenario)
        {
            var name = BranchRecord.Letters(scenario);
            return name.Length >= BranchRecord.MinNameLetters && failing.Any(line => line.Contains(name, StringComparison.Ordinal));
        }

        // Failing tests are listed by name: a tested scenario none of them names passed. Otherwise the run itself failed.
        var attributed = tests.Any(t => t.Places.Count > 0 && Named(t.Scenario));
        return [.. tests.Select(t => (t.Scenario, t.Places.Count == 0 ? ScenarioOutcome.Untested
            : Named(t.Scenario) ? ScenarioOutcome.Fails
            : attributed ? ScenarioOutcome.Passes : ScenarioOutcome.RunFailed))];
    }

    /// <summary>The stored form: the summary line, then <c>- outcome: scenario</c> per scenario.</summary>
    public static string Format(string summary, IReadOnlyList<(string Scenario, ScenarioOutcome Outcome)> results)
    {
        var text = new StringBuilder(summary);
        foreach (var (scenario, outcome) in results)
        {
            text.Append("\n- ").Append(Word(outcome)).Append(": ").Append(scenario.ReplaceLineEndings(" "));
        }

        return text.ToString();
    }

    /// <summary>The summary line of a stored check.</summary>
    public static string Summary(string stored) => stored.Split('\n')[0];

    /// <summary>The per-scenario outcomes of a stored check (none when it has only a summary).</summary>
    public static IReadOnlyList<(string Scenario, ScenarioOutcome Outcome)> Parse(string? stored)
    {
        var results = new List<(string, ScenarioOutcome)>();
        foreach (var line in (stored ?? "").Split('\n').Skip(1))
        {
            foreach (var (outcome, word) in Words)
            {
                if (line.StartsWith($"- {word}: ", StringComparison.Ordinal))
                {
                    results.Add((line[(word.Length + 4)..], outcome));
                    break;
                }
            }
        }

        return results;
    }

    public static string Word(ScenarioOutcome outcome) => Words.First(w => w.Outcome == outcome).Word;
}
