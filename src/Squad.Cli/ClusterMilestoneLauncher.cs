using System.Globalization;
using System.Text;
using Spectre.Console;
using Squad.Cluster;
using Squad.Core.Orchestration;
using Squad.Server;

namespace Squad.Cli;

/// <summary>
/// <c>squad serve --cluster</c>: what Slack asks for goes to the cluster from whichever node runs serve. Each issue's
/// squad is its grain (one activation in the whole cluster), so the same command reaching two serve nodes starts one
/// squad; <c>/squad stop</c> cancels the watch here, which stops each squad through its grain, on whatever node it runs.
/// </summary>
internal sealed class ClusterMilestoneLauncher(MilestoneRunSettings defaults, string? issuesFolder, string connection, string? devLocalForge) : IMilestoneLauncher
{
    public Task<LaunchSummary> RunAsync(string reference, ISquadProgress progress, CancellationToken cancellationToken = default)
        => LaunchAsync(defaults with { Request = defaults.Request with { Reference = reference } }, cancellationToken);

    public Task<LaunchSummary> FixAsync(string issue, ISquadProgress progress, CancellationToken cancellationToken = default)
        => LaunchAsync(defaults with { Request = FixTarget.Resolve(issue, issuesFolder, defaults.Request), BugFix = true, Concurrency = 1 }, cancellationToken);

    /// <summary>A sweep asked for by hand: its squads go to their grains; scheduled occurrences fire on the workers.</summary>
    public async Task<LaunchSummary> SweepAsync(SweepDefinition sweep, ISquadProgress progress, CancellationToken cancellationToken = default)
    {
        await using var cluster = await SquadClusterClient.ConnectAsync(new ClusterSettings { ConnectionString = connection }, cancellationToken);
        var orders = await ClusterSweep.SubmitAsync(defaults, sweep, connection, devLocalForge, cluster.SubmitAsync, cancellationToken);
        return new LaunchSummary
        {
            RunId = string.Join(", ", orders.Select(o => o.RunId).Distinct()),
            Succeeded = true,
            Text = orders.Count == 0 ? $"sweep {sweep.Name}: nothing to start" : $"sweep {sweep.Name}: started {string.Join(", ", orders.Select(o => o.IssueIdentifier))} in the cluster",
        };
    }

    private async Task<LaunchSummary> LaunchAsync(MilestoneRunSettings settings, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) });
        var result = await ClusterRun.ExecuteAsync(settings, connection, devLocalForge, console, cancellationToken, stopOnCancel: true);
        return RunSummary.Of(result);
    }
}
