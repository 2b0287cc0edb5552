using System.Globalization;
using Squad.Core.Domain;

namespace Squad.Core.Orchestration;

/// <summary>
/// The repository's tests at QA's commit, before the implementation exists: QA's new tests must fail there. When none of
/// them does (the run passes, or every scenario they name passes), they test nothing yet and go back to QA (once). A
/// single scenario whose tests pass early is flagged, not sent back: a scenario may describe behaviour that already holds
/// (a bug's "the rest still works"), and the QA Specialist judges it from the table. The result is stored
/// (<see cref="SquadRecord.RegressionCheck"/>), reported, written into the pull request, and becomes the first column of
/// the reviewers' fail→pass table.
/// </summary>
internal sealed class QaCheck(AgentPasses passes)
{
    /// <summary>How many times QA is sent back for tests that pass too early, before the squad goes on with a warning.</summary>
    public const int MaxEarlyRounds = 1;

    public async Task RunAsync(SquadSession session, string path, bool bugFix, CancellationToken cancellationToken)
    {
        for (var round = 0; ; round++)
        {
            var (summary, results, catchesNothing) = await CheckAsync(session, path, bugFix, cancellationToken);
            await session.SaveAsync(r => r with { RegressionCheck = TestEvidence.Format(summary, results) }, cancellationToken);
            await session.ReportAsync(SquadStep.RegressionCheck, (bugFix ? "regression check: " : "QA check: ") + summary, cancellationToken);
            if (round >= MaxEarlyRounds || !catchesNothing)
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

    /// <returns>The summary line, each scenario's outcome, and whether QA's tests fail nowhere (the run passed, or every scenario they name passes).</returns>
    private static async Task<(string Summary, IReadOnlyList<(string Scenario, ScenarioOutcome Outcome)> Results, bool CatchesNothing)> CheckAsync(
        SquadSession session, string path, bool bugFix, CancellationToken cancellationToken)
    {
        var services = session.Services;
        if (!session.Config.Commands.ContainsKey(TestEvidence.TestCommand))
        {
            return ("not checked: the repository's .squad.yml has no `test` command", [], false);
        }

        var outcome = await services.Commands(session.Config).RunAsync(TestEvidence.TestCommand, path, cancellationToken);
        var branch = await BranchRecord.ReadAsync(services.Git, path, $"refs/remotes/origin/{session.Repository.DefaultBranch}", session.Scenarios, cancellationToken);
        var results = TestEvidence.Judge(branch?.Tests ?? [], outcome.Succeeded ? null : outcome);
        var early = results.Count(r => r.Outcome == ScenarioOutcome.Passes);
        var failing = results.Count(r => r.Outcome is ScenarioOutcome.Fails or ScenarioOutcome.RunFailed);
        var exit = outcome.ExitCode.ToString(CultureInfo.InvariantCulture);
        var change = bugFix ? "fix" : "implementation";
        var summary = (outcome.Succeeded, early, failing) switch
        {
            (true, _, _) when bugFix => "warning: the tests pass before the fix, so the regression test may not reproduce the bug",
            (true, _, _) => "warning: the tests pass before the implementation, so they may not test the scenarios",
            (false, > 0, 0) => $"warning: the tests of every scenario QA's tests name pass before the {change} (the run fails elsewhere, exit {exit})",
            _ => (bugFix ? "the regression test fails before the fix, as it should" : "QA's tests fail before the implementation, as they should")
                + $" (the tests exit {exit})" + (early == 0 ? "" : $"; the tests of {early} of {results.Count} scenarios already pass, for the QA Specialist to judge (a scenario may already hold)"),
        };
        return (summary, results, outcome.Succeeded || (early > 0 && failing == 0));
    }
}
