using Squad.Core.Domain;

namespace Squad.Cli;

/// <summary>
/// The exit code of a command that ran squads, for people and scheduled jobs: 0 when nothing failed (merged, already
/// done, refused for refinement, waiting on blockers), 1 when a squad failed, 12 when one needs a person and none failed.
/// A squad whose merge was reverted counts as needing a person: its issue is open again. <c>squad revert</c> exits 0 when
/// the revert merged (its squad is reverted), 12 when the revert went to a person.
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

        return all.Any(o => o is SquadOutcome.NeedsHuman or SquadOutcome.BudgetExceeded or SquadOutcome.Reverted) ? NeedsPerson : 0;
    }

    /// <summary><c>squad revert</c>: 0 when the revert merged, 12 when it went to a person.</summary>
    public static int ForRevert(SquadOutcome outcome) => outcome == SquadOutcome.Reverted ? 0 : For([outcome]);

    /// <summary>Whether nothing that ran needs attention: what a Slack summary or a sweep reports as succeeded.</summary>
    public static bool Succeeded(IEnumerable<SquadOutcome> outcomes) => For(outcomes) == 0;
}
