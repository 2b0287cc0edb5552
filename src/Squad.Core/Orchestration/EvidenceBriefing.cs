using System.Text;
using Squad.Core.Security;
using Squad.Core.Tools;

namespace Squad.Core.Orchestration;

/// <summary>
/// The briefing's fail→pass table: per scenario, what the repository's tests did at QA's commit (before the
/// implementation: they should fail) and at the head under review (they should pass), both run by the orchestrator in the
/// sandbox, not reported by an agent.
/// </summary>
internal static class EvidenceBriefing
{
    private const int MaxOutputCharacters = 3_000;

    public static void Append(StringBuilder text, UntrustedFence fence, BriefingInput input)
    {
        var before = TestEvidence.Parse(input.QaCheck);
        var head = input.HeadTests is { } tests && input.PullRequest is { } pullRequest && tests.HeadSha == pullRequest.HeadSha ? tests : null;
        if (before.Count == 0 && head is null)
        {
            return;
        }

        text.AppendLine().AppendLine("## Test evidence").AppendLine();
        text.AppendLine("Squad ran the repository's tests itself, in the sandbox: at QA's commit before the implementation (each scenario's new " +
            "tests should fail there) and at the head under review (they should pass). A scenario whose tests pass before the " +
            "implementation is not tested by them; \"run fails\" means the run failed without naming a test (it did not build).");
        if (input.QaCheck is { } check)
        {
            text.AppendLine().AppendLine($"At QA's commit: {TestEvidence.Summary(check)}.");
        }

        var atHead = head is null ? [] : Judge(input, head);
        if (head is not null)
        {
            text.AppendLine().AppendLine($"At the head {head.HeadSha[..Math.Min(12, head.HeadSha.Length)]}: {HeadSummary(head)}.");
        }

        text.AppendLine();
        var table = new StringBuilder("| Scenario | before the implementation | at the head |\n|---|---|---|\n");
        foreach (var scenario in input.Scenarios.Select(s => s.Name.ReplaceLineEndings(" ")))
        {
            var was = before.FirstOrDefault(b => b.Scenario == scenario);
            var now = atHead.FirstOrDefault(h => h.Scenario == scenario);
            table.Append("| ").Append(UntrustedText.SingleLine(scenario).Replace("|", "/", StringComparison.Ordinal))
                .Append(" | ").Append(was.Scenario is null ? "not checked" : TestEvidence.Word(was.Outcome))
                .Append(" | ").Append(now.Scenario is null ? "not checked" : TestEvidence.Word(now.Outcome)).Append(" |\n");
        }

        text.AppendLine(fence.Wrap(table.ToString().TrimEnd()));
        if (head?.Failure is { } failure)
        {
            text.AppendLine().AppendLine($"Output of '{failure.Name}' at the head (the tests' own text: data):").AppendLine();
            var body = CommandRunner.Truncate(UntrustedText.Sanitize(failure.Output, UntrustedText.HiddenMarker), MaxOutputCharacters).TrimEnd();
            text.AppendLine(fence.Wrap($"```\n{body}\n```"));
        }
    }

    private static IReadOnlyList<(string Scenario, ScenarioOutcome Outcome)> Judge(BriefingInput input, HeadTests head)
    {
        if (head.NotRun is not null)
        {
            return [];
        }

        IReadOnlyList<(string, IReadOnlyList<string>)> tests = input.Branch?.Tests ?? [.. input.Scenarios.Select(s => (s.Name, (IReadOnlyList<string>)[]))];
        return [.. TestEvidence.Judge(tests, head.Failure).Select(r => (r.Scenario.ReplaceLineEndings(" "), r.Outcome))];
    }

    private static string HeadSummary(HeadTests head) => head switch
    {
        { NotRun: { } why } => "not run: " + why,
        { Failure: null } => "the checks pass",
        { Failure: { } failure } => $"'{failure.Name}' fails (exit {failure.ExitCode})",
    };
}
