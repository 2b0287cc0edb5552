using System.Collections.Concurrent;
using Squad.Cluster;
using Squad.Core;
using Squad.Core.Audit;
using Squad.Core.Domain;
using Squad.Core.Orchestration;
using Squad.Models.Scripted;
using Squad.Storage.Postgres;

namespace Squad.Cli;

/// <summary>
/// How a worker runs one squad: the CLI's composition (roles, models, prices, budgets, sandbox, forge and tracker clients)
/// with the cluster's PostgreSQL stores and the node's own folders, then Core's squad runner, which resumes from the
/// squad's stored steps after a failover and recreates its work tree from the pushed branch.
/// </summary>
internal sealed class ClusterSquadWork(
    CliHost host, MilestoneRunSettings defaults, PostgresRunStore store, PostgresAuditLog audit, WorkerSettings worker, TextWriter output, TimeSpan scriptedLatency) : ISquadWork, IDisposable
{
    private static readonly TimeSpan BlockerPoll = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Lazy<Task<RunOnNode>>> runs = new(StringComparer.Ordinal);
    private readonly FencedRunStore fenced = new(store);

    /// <summary>Waits for the blockers before the squad takes a slot; the blockers' outcomes are judged again in <see cref="RunAsync"/>.</summary>
    public async Task WaitUntilReadyAsync(SquadOrder order, CancellationToken cancellationToken)
    {
        var (milestone, issue, _) = await IssueOfAsync(order, cancellationToken);
        await WaitForBlockersAsync(milestone, issue, cancellationToken);
    }

    public async Task<string> RunAsync(SquadOrder order, ISquadFence fence, CancellationToken cancellationToken)
    {
        var (milestone, issue, prepared) = await IssueOfAsync(order, cancellationToken);
        using var fencing = fenced.Enter(milestone.Key, issue.Identifier, fence);
        var blocked = await WaitForBlockersAsync(milestone, issue, cancellationToken);
        var record = blocked is null
            ? await prepared.Runner.RunAsync(order.RunId, milestone, issue, cancellationToken)
            : await prepared.Runner.SettleWithoutWorkAsync(order.RunId, milestone.Key, issue, SquadOutcome.Blocked, blocked, cancellationToken);
        return record.Outcome.ToString();
    }

    private async Task<(Milestone Milestone, Issue Issue, RunOnNode Prepared)> IssueOfAsync(SquadOrder order, CancellationToken cancellationToken)
    {
        // One composition per run on this node: its squads share one runner, whose workspace manager serializes their
        // work on the shared clone, as a single-process run's squads do.
        var lazy = runs.GetOrAdd(order.RunId, _ => new Lazy<Task<RunOnNode>>(() => PrepareAsync(order, CancellationToken.None)));
        RunOnNode prepared;
        try
        {
            prepared = await lazy.Value.WaitAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            runs.TryRemove(order.RunId, out _);
            throw;
        }

        var issue = prepared.Milestone.Issues.FirstOrDefault(i => i.Identifier == order.IssueIdentifier)
            ?? throw new SquadException(SquadErrorCode.InvalidInput, $"issue {order.IssueIdentifier} is no longer in {order.Reference}");
        return (prepared.Milestone, order.BugFix ? issue with { BlockedBy = [] } : issue, prepared);
    }

    public void Dispose()
    {
        foreach (var run in runs.Values.Where(r => r.IsValueCreated && r.Value.IsCompletedSuccessfully))
        {
            run.Value.Result.Target.Dispose();
        }
    }

    private async Task<RunOnNode> PrepareAsync(SquadOrder order, CancellationToken cancellationToken)
    {
        var settings = defaults with { Request = defaults.Request with { Reference = order.Reference }, BugFix = order.BugFix };
        var composition = MilestoneRun.Compose(settings, host);
        var target = await RunTarget.OpenAsync(host, settings.Request, composition.Agents, cancellationToken);
        var folder = target.ScriptFolder ?? Environment.CurrentDirectory;
        var models = scriptedLatency > TimeSpan.Zero && settings.Model == "scripted"
            ? new ScriptedModelProvider(Path.Combine(folder, "scripted-responses.yaml"), scriptedLatency)
            : CliHost.CreateModels(composition.Agents, folder);
        var services = host.CreateServices(composition.Agents, models, 1, new WorkerProgress(worker.NodeName, output), settings.Sandbox) with
        {
            Tracker = target.Tracker,
            CodeHost = target.CodeHost,
            Store = fenced,
            Audit = audit,
            Prices = composition.Prices,
        };
        var options = services.Options with
        {
            MaxReviewRounds = settings.MaxRounds,
            Budgets = settings.Budgets,
            DiagnoseBugs = settings.BugFix,
            KillSwitchFile = worker.KillSwitchFile,
        };
        services = (services with { Options = options }).WithRedactedWrites();
        var trail = await AuditTrail.StartAsync(audit, services.Prices, services.Options.Budgets, services.Redactor, services.Time, target.Milestone.Key, cancellationToken);
        return new RunOnNode(target, target.Milestone, new SquadRunner(services, trail));
    }

    /// <summary>
    /// Waits until each blocker of <paramref name="issue"/> (whose squads run elsewhere in the cluster) has settled;
    /// returns why the issue stays blocked, or <see langword="null"/> when it may start.
    /// </summary>
    private async Task<string?> WaitForBlockersAsync(Milestone milestone, Issue issue, CancellationToken cancellationToken)
    {
        if (BlockerChain.InCycle(milestone, issue.Identifier))
        {
            return $"{issue.Identifier} is part of a blocked_by cycle: break the cycle in the tracker";
        }

        foreach (var blocker in issue.BlockedBy)
        {
            if (milestone.Issues.All(i => i.Identifier != blocker))
            {
                return $"blocked by {blocker}, which is not in this milestone: finish it first";
            }

            SquadRecord? record;
            while ((record = await store.GetSquadAsync(milestone.Key, blocker, cancellationToken)) is null
                || !(SquadRunner.IsSettled(record) || record.Outcome is SquadOutcome.Skipped or SquadOutcome.Blocked or SquadOutcome.Failed))
            {
                await Task.Delay(BlockerPoll, host.Time, cancellationToken);
            }

            if (record.Outcome is not (SquadOutcome.Merged or SquadOutcome.Skipped))
            {
                return $"blocked by {blocker}, which ended {record.Outcome}";
            }
        }

        return null;
    }

    private sealed record RunOnNode(RunTarget Target, Milestone Milestone, SquadRunner Runner);
}
