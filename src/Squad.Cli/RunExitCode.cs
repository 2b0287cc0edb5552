using Squad.Core.Domain;

namespace Squad.Cli;

/// <summary>
/// The exit code of a command that ran squads, for people and scheduled jobs: 0 when nothing failed (merged, already
/// done, refused for refinement, waiting on blockers), 1 when a squad failed, 12 when one needs a person and none failed.
/// </summary>
internal static class RunExitCode
{
    public const int Failed = 1;

    public const int NeedsPerson = 12;

    public static int For(IEnumerable<SquadOutcome> outcomes)
    {
        var all = outcomes.ToList();
        if (all.Any(o => o is SquadOutcome.Failed or SquadOutcome.Running))
        {
            return Failed;
        }

        return all.Any(o => o is SquadOutcome.NeedsHuman or SquadOutcome.BudgetExceeded) ? NeedsPerson : 0;
    }

    /// <summary>Whether nothing that ran needs attention: what a Slack summary or a sweep reports as succeeded.</summary>
    public static bool Succeeded(IEnumerable<SquadOutcome> outcomes) => For(outcomes) == 0;
}
