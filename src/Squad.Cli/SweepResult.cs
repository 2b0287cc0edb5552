using System.Globalization;
using System.Text;
using Squad.Core.Domain;
using Squad.Server;

namespace Squad.Cli;

/// <summary>A finished sweep: per milestone, what it started (and how that ended) and what it skipped and why.</summary>
internal sealed record SweepResult
{
    public required SweepDefinition Sweep { get; init; }

    public required IReadOnlyList<SweepMilestoneResult> Milestones { get; init; }

    /// <summary>The Healer's passes, with <c>heal: true</c>: one per swept milestone.</summary>
    public IReadOnlyList<SweepHealing> Healing { get; init; } = [];

    /// <summary>Every squad it started merged (or had nothing to do); skipping is never a failure.</summary>
    public bool Succeeded => RunExitCode.Succeeded(Outcomes);

    /// <summary>How each squad it started ended, the Healer's fix squads included.</summary>
    public IEnumerable<Core.Domain.SquadOutcome> Outcomes =>
        Milestones.Select(m => m.Run).Concat(Healing.Select(h => h.Run)).OfType<MilestoneRunResult>().SelectMany(r => r.Report.Squads).Select(s => s.Outcome);

    /// <summary>The runs it started, for <c>squad status</c>; "none" when it started nothing.</summary>
    public string RunIds => Milestones.Select(m => m.Run?.Report.Run.Id).OfType<string>().ToList() is { Count: > 0 } ids ? string.Join(", ", ids) : "none";

    /// <summary>A few lines for Slack: per milestone, each issue started (outcome, pull request) or skipped (why).</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        if (Milestones.Count == 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Sweep {Sweep.Name}: no issue of {Sweep.Scope} matched.");
        }

        foreach (var milestone in Milestones)
        {
            var plan = milestone.Plan;
            text.AppendLine(CultureInfo.InvariantCulture, $"{plan.Milestone.Name}: {plan.Start.Count} started, {plan.Skipped.Count} skipped");
            foreach (var squad in milestone.Run?.Document.Squads ?? [])
            {
                text.Append(CultureInfo.InvariantCulture, $"• {squad.Issue} started, {squad.Outcome}");
                text.Append(squad.PullRequest is { } pullRequest ? $": {pullRequest.Url}" : "");
                text.AppendLine(squad.Reason is { Length: > 0 } reason ? $" ({reason})" : "");
            }

            foreach (var skip in plan.Skipped)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"• {skip.Issue.Identifier} skipped: {skip.Reason}");
            }
        }

        foreach (var healing in Healing)
        {
            text.AppendLine("Healer: " + healing.Message);
        }

        return text.ToString().TrimEnd();
    }
}
