using System.Globalization;
using Squad.Core.Domain;

namespace Squad.Core.Orchestration;

/// <summary>
/// The repository's tests at QA's commit, before the implementation exists: each scenario's new tests must fail there. A
/// scenario whose tests already pass goes back to QA (once), since such a test does not test what the scenario asks. The
/// result is stored (<see cref="SquadRecord.RegressionCheck"/>), reported, written into the pull request, and becomes the
/// first column of the reviewers' fail→pass table.
/// </summary>
internal sealed class QaCheck(AgentPasses passes)
{
    /// <summary>How many times QA is sent back for tests that pass too early, before the squad goes on with a warning.</summary>
    public const int MaxEarlyRounds = 1;

    public async Task RunAsync(SquadSession session, string path, bool bugFix, CancellationToken cancellationToken)
    {
        for (var round = 0; ; round++)
        {
            var (summary, results) = await CheckAsync(session, path, bugFix, cancellationToken);
            await session.SaveAsync(r => r with { RegressionCheck = TestEvidence.Format(summary, results) }, cancellationToken);
            await session.ReportAsync(SquadStep.RegressionCheck, (bugFix ? "regression check: " : "QA check: ") + summary, cancellationToken);
            if (round >= MaxEarlyRounds || !results.Any(r => r.Outcome == ScenarioOutcome.Passes))
            {
                return;
            }

            var qa = await passes.RunAsync(session, Role.Qa, SquadTasks.QaTestsPassEarly, path, null, cancellationToken);
            if (qa.Commits.Count == 0)
            {
                // QA kept its tests: the squad goes on, and the reviewers read the warning in the table.
                return;
            }
        }
    }

    private static async Task<(string Summary, IReadOnlyList<(string Scenario, ScenarioOutcome Outcome)> Results)> CheckAsync(
        SquadSession session, string path, bool bugFix, CancellationToken cancellationToken)
    {
        var services = session.Services;
        if (!session.Config.Commands.ContainsKey(TestEvidence.TestCommand))
        {
            return ("not checked: the repository's .squad.yml has no `test` command", []);
        }

        var outcome = await services.Commands(session.Config).RunAsync(TestEvidence.TestCommand, path, cancellationToken);
        var branch = await BranchRecord.ReadAsync(services.Git, path, $"refs/remotes/origin/{session.Repository.DefaultBranch}", session.Scenarios, cancellationToken);
        var results = TestEvidence.Judge(branch?.Tests ?? [], outcome.Succeeded ? null : outcome);
        var early = results.Count(r => r.Outcome == ScenarioOutcome.Passes);
        var exit = outcome.ExitCode.ToString(CultureInfo.InvariantCulture);
        var summary = (bugFix, outcome.Succeeded, early) switch
        {
            (true, true, _) => "warning: the tests pass before the fix, so the regression test may not reproduce the bug",
            (false, true, _) => "warning: the tests pass before the implementation, so they may not test the scenarios",
            (true, false, 0) => $"the regression test fails before the fix, as it should (the tests exit {exit})",
            (false, false, 0) => $"QA's tests fail before the implementation, as they should (the tests exit {exit})",
            _ => $"warning: the tests of {early} of {results.Count} scenarios pass before the {(bugFix ? "fix" : "implementation")}, so they may not test them",
        };
        return (summary, results);
    }
}
