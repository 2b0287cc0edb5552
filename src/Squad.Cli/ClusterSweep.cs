using Squad.Cluster;
using Squad.Core;
using Squad.Core.Orchestration;
using Squad.Server;
using Squad.Storage.Postgres;

namespace Squad.Cli;

/// <summary>
/// One sweep in cluster mode (<c>squad sweep --cluster</c> and a sweep's reminder on a worker): reads each milestone,
/// plans against the cluster's run store which issues to start, records a run for them in PostgreSQL and hands each to
/// its squad grain (one per issue in the whole cluster, so a squad already running is not started twice).
/// </summary>
internal static class ClusterSweep
{
    public static async Task<IReadOnlyList<SquadOrder>> SubmitAsync(
        MilestoneRunSettings settings, SweepDefinition sweep, string connection, string? devLocalForge, Func<SquadOrder, Task<SquadProgress>> submit, CancellationToken cancellationToken)
    {
        if (sweep.Project is not null)
        {
            throw new SquadException(SquadErrorCode.InvalidConfiguration,
                $"sweep '{sweep.Name}' covers a project, which cluster mode does not sweep yet: list its milestones under 'milestones:', or run it without --cluster");
        }

        using var host = CliHost.Open(settings.DataDirectory, devLocalForge);
        var composition = MilestoneRun.Compose(settings, host);
        var request = settings.Request with { MilestoneName = null, Repository = sweep.Repository ?? settings.Request.Repository };
        using var store = new PostgresRunStore(connection, host.Time);
        var orders = new List<SquadOrder>();
        foreach (var reference in sweep.Milestones)
        {
            ClusterTarget.EnsureSharedForge(reference, devLocalForge);
            using var target = await RunTarget.OpenAsync(host, request with { Reference = reference }, composition.Agents, cancellationToken);
            var milestone = target.Milestone;
            var plan = await new SweepPlanner(store, target.CodeHost, host.Time) { Lease = sweep.InFlightAfter ?? SweepPlanner.DefaultLease }.PlanAsync(milestone, cancellationToken);
            if (plan.Start.Count == 0)
            {
                continue;
            }

            var run = await store.CreateRunAsync(NewRun.Of(milestone, settings.Model ?? "per role"), cancellationToken);
            foreach (var issue in plan.Start)
            {
                var order = new SquadOrder { RunId = run.Id, Reference = reference, MilestoneKey = milestone.Key, IssueIdentifier = issue.Identifier };
                await submit(order);
                orders.Add(order);
            }
        }

        return orders;
    }
}
