using Squad.Cluster;
using Squad.Server;

namespace Squad.Cli;

/// <summary>
/// A worker's side of the cluster's sweeps: the schedules of the sweeps in its squad.yml (Cronos, through
/// <see cref="SweepSchedule"/>), and an occurrence run as <see cref="ClusterSweep"/>. Every node needs the same sweeps.
/// </summary>
internal sealed class ClusterSweepWork(MilestoneRunSettings settings, IReadOnlyList<SweepDefinition> sweeps, string connection, string? devLocalForge) : ISweepWork
{
    private readonly Dictionary<string, (SweepDefinition Sweep, SweepSchedule Schedule)> schedules =
        sweeps.ToDictionary(s => s.Name, s => (s, SweepSchedule.Parse(s.Cron, s.TimeZone)), StringComparer.Ordinal);

    public IReadOnlyList<string> Names => [.. schedules.Keys];

    public DateTimeOffset? LatestDue(string sweep, DateTimeOffset after, DateTimeOffset upTo)
        => schedules.TryGetValue(sweep, out var entry) ? entry.Schedule.LatestIn(after, upTo) : null;

    public Task RunAsync(string sweep, DateTimeOffset occurrence, Func<SquadOrder, Task<SquadProgress>> submit, CancellationToken cancellationToken)
        => schedules.TryGetValue(sweep, out var entry)
            ? (Task)ClusterSweep.SubmitAsync(settings, entry.Sweep, connection, devLocalForge, submit, cancellationToken)
            : Task.CompletedTask;
}
