using Squad.Core.Domain;
using Squad.Core.Orchestration;
using Squad.Core.Tracking;
using Squad.Core.Verification;
using Squad.Server;

namespace Squad.Cli;

/// <summary>
/// One sweep on the CLI's composition, for <c>squad sweep</c> and the schedules of <c>squad serve</c>: reads each
/// milestone (or the project, narrowed by its filter), plans which issues to start, and runs only those.
/// </summary>
internal static class SweepRun
{
    /// <param name="settings">How runs are composed; the sweep supplies the references and its repository.</param>
    /// <param name="sweep">What to sweep.</param>
    /// <param name="createView">Called before each milestone's run, with the issues it starts and whether the models are scripted.</param>
    /// <param name="cancellationToken">Stops the sweep between steps; its squads stay resumable.</param>
    public static async Task<SweepResult> ExecuteAsync(
        MilestoneRunSettings settings, SweepDefinition sweep, Func<Milestone, bool, RunView> createView, CancellationToken cancellationToken = default)
    {
        var request = settings.Request with { MilestoneName = null, Repository = sweep.Repository ?? settings.Request.Repository };
        var results = await SweepAsync(settings, sweep, request, createView, cancellationToken);
        var healing = sweep.Heal ? await HealAsync(settings, sweep, request, createView, cancellationToken) : [];
        return new SweepResult { Sweep = sweep, Milestones = results, Healing = healing };
    }

    private static async Task<List<SweepMilestoneResult>> SweepAsync(
        MilestoneRunSettings settings, SweepDefinition sweep, RunTargetRequest request, Func<Milestone, bool, RunView> createView, CancellationToken cancellationToken)
    {
        using var host = CliHost.Open(settings.DataDirectory);
        var composition = MilestoneRun.Compose(settings, host);
        var results = new List<SweepMilestoneResult>();
        foreach (var reference in sweep.Project is null ? sweep.Milestones : [sweep.Project])
        {
            using var target = sweep.Project is null
                ? await RunTarget.OpenAsync(host, request with { Reference = reference }, composition.Agents, cancellationToken)
                : await RunTarget.OpenProjectAsync(host, request with { Reference = reference }, new IssueFilter { State = sweep.State, Label = sweep.Label }, composition.Agents, cancellationToken);
            foreach (var milestone in target.Milestones)
            {
                var plan = await new SweepPlanner(host.Store, target.CodeHost, host.Time) { Lease = sweep.InFlightAfter ?? SweepPlanner.DefaultLease }.PlanAsync(milestone, cancellationToken);
                var run = plan.Start.Count == 0 ? null : await MilestoneRun.RunLoadedAsync(composition, target, plan.ToRun, createView, cancellationToken);
                results.Add(new SweepMilestoneResult { Plan = plan, Run = run });
            }
        }

        return results;
    }

    /// <summary>
    /// The Healer on each swept milestone's repository, after the milestone's run: a red main files its stub in the
    /// milestone and runs the bug-fix squad on it, as <c>squad heal</c> does, with its default budget and cool-down.
    /// </summary>
    private static async Task<List<SweepHealing>> HealAsync(
        MilestoneRunSettings settings, SweepDefinition sweep, RunTargetRequest request, Func<Milestone, bool, RunView> createView, CancellationToken cancellationToken)
    {
        var healing = new List<SweepHealing>();
        foreach (var reference in sweep.Project is null ? sweep.Milestones : [sweep.Project])
        {
            healing.Add(await HealRun.HealAsync(settings, request with { Reference = reference }, createView, cancellationToken));
        }

        return healing;
    }
}
