using Spectre.Console;
using Squad.Cluster;
using Squad.Core;
using Squad.Core.Domain;
using Squad.Core.Orchestration;
using Squad.Storage.Postgres;

namespace Squad.Cli;

/// <summary>
/// <c>squad run --cluster</c>: reads the milestone here, records the run in the cluster's PostgreSQL, hands each issue
/// to its squad grain (one per issue in the whole cluster) and waits for all of them; the workers do the work.
/// </summary>
internal static class ClusterRun
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    public static async Task<MilestoneRunResult> ExecuteAsync(
        MilestoneRunSettings settings, string connectionString, string? devLocalForge, IAnsiConsole console, CancellationToken cancellationToken, bool stopOnCancel = false)
    {
        ClusterTarget.EnsureSharedForge(settings.Request.Reference, devLocalForge);
        using var host = CliHost.Open(settings.DataDirectory, devLocalForge);
        var composition = MilestoneRun.Compose(settings, host);

        // Reading the milestone also imports a local milestone's repository into the shared test forge, once, here.
        using var target = await RunTarget.OpenAsync(host, settings.Request, composition.Agents, cancellationToken);
        using var store = new PostgresRunStore(connectionString, host.Time);
        using var audit = new PostgresAuditLog(connectionString, host.Time);
        await using var cluster = await SquadClusterClient.ConnectAsync(new ClusterSettings { ConnectionString = connectionString }, cancellationToken);
        var milestone = target.Milestone;
        var run = await store.CreateRunAsync(NewRun.Of(milestone, settings.Model ?? "per role"), cancellationToken);
        var orders = milestone.Issues.Select(issue => new SquadOrder
        {
            RunId = run.Id,
            Reference = settings.Request.Reference,
            MilestoneKey = milestone.Key,
            IssueIdentifier = issue.Identifier,
            BugFix = settings.BugFix,
        }).ToList();

        var status = RunStatus.Completed;
        try
        {
            foreach (var order in orders)
            {
                Report(console, order, await cluster.SubmitAsync(order));
            }

            await cluster.WaitAsync(orders, Poll, (order, progress) => Report(console, order, progress), cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The squads go on in the cluster and this client only stops watching them, unless the cancel is a stop
            // (Slack's /squad stop): then each squad's grain stops it between steps, wherever it runs.
            status = RunStatus.Interrupted;
            foreach (var order in orders.Where(_ => stopOnCancel))
            {
                await cluster.Squad(order.Key).StopAsync();
            }

            throw;
        }
        finally
        {
            await store.CompleteRunAsync(run.Id, status, CancellationToken.None);
        }

        var report = new MilestoneReport
        {
            Run = await store.GetRunAsync(run.Id, cancellationToken) ?? run,
            // Each issue's squad as it stands, whichever run worked on it: the same command sent twice (two serve nodes)
            // leaves the squads to the run that started them first, and this one reports them too.
            Squads = await SquadsOfAsync(store, milestone.Key, orders, cancellationToken),
        };
        var usage = await audit.SummarizeRunAsync(run.Id, cancellationToken);
        var document = await StatusBuilder.BuildAsync(report.Run, report.Squads, target.CodeHost, usage, cancellationToken);
        return new MilestoneRunResult { Report = report, Document = document };
    }

    private static async Task<IReadOnlyList<SquadRecord>> SquadsOfAsync(PostgresRunStore store, string milestoneKey, IReadOnlyList<SquadOrder> orders, CancellationToken cancellationToken)
    {
        var squads = new List<SquadRecord>();
        foreach (var order in orders)
        {
            if (await store.GetSquadAsync(milestoneKey, order.IssueIdentifier, cancellationToken) is { } squad)
            {
                squads.Add(squad);
            }
        }

        return squads;
    }

    private static void Report(IAnsiConsole console, SquadOrder order, SquadProgress progress)
    {
        var outcome = progress.Outcome is { } ended ? $": {ended}" : progress.Waiting is { } waiting ? $" ({waiting})" : "";
        console.MarkupLine(Markup.Escape($"{order.IssueIdentifier} {progress.Phase} on {progress.Node} (start {progress.Starts}){outcome}"));
    }
}
