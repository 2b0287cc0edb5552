using Squad.Core.Audit;
using Squad.Core.Domain;

namespace Squad.Core.Orchestration;

/// <summary>
/// Runs every issue of a milestone: one squad each, in parallel up to the configured limit, an
/// issue blocked by another of the milestone waiting for it to merge first.
/// </summary>
public sealed class MilestoneRunner(SquadServices services)
{
    // Whoever composed the services, what squads write to the tracker and the code host is redacted at one gate.
    private readonly SquadServices services = services.WithRedactedWrites();

    public async Task<MilestoneReport> RunAsync(Milestone milestone, CancellationToken cancellationToken = default)
    {
        // Budgets count what earlier runs of the milestone spent, so a rerun does not start from zero.
        var audit = await AuditTrail.StartAsync(
            services.Audit, services.Prices, services.Options.Budgets, services.Redactor, services.Time, milestone.Key, services.Trajectories, cancellationToken);
        var squads = new SquadRunner(services, audit);
        var repository = milestone.Issues.Count > 0 ? await squads.ValidateRepositoryAsync(milestone.Repository, cancellationToken) : null;

        var run = await services.Store.CreateRunAsync(NewRun.Of(milestone, services.Models.Description), cancellationToken);
        // One process holds the data directory, so every work tree and copy there is left by a run that was killed or
        // that ended: none of them is in use, and a rerun must not trip over a half-made one.
        await squads.Workspaces.RemoveLeftoversAsync(cancellationToken: cancellationToken);

        // Spent copies are turned into the next ones while the run lasts, and dropped at its end.
        squads.Workspaces.KeepsSpareCopies = true;
        squads.Workspaces.SparesPerFolder = Math.Max(4, 2 * services.Options.Concurrency);
        var slots = new SemaphoreSlim(Math.Max(1, services.Options.Concurrency));
        var byId = milestone.Issues.ToDictionary(i => i.Identifier, StringComparer.Ordinal);
        var tasks = new Dictionary<string, Task<SquadRecord>>(StringComparer.Ordinal);
        var cycles = DependencyCycles.Find(milestone.Issues);
        Task<SquadRecord> Start(Issue issue)
        {
            // Squads start each other (a blocked issue awaits its blocker), so the map is shared.
            lock (tasks)
            {
                if (!tasks.TryGetValue(issue.Identifier, out var task))
                {
                    task = RunOneAsync(run.Id, milestone, issue, squads, slots, byId, Start, cycles, cancellationToken);
                    tasks[issue.Identifier] = task;
                }

                return task;
            }
        }

        var status = RunStatus.Completed;
        var baseMap = repository is null ? Task.CompletedTask : squads.RenderBaseMapAsync(repository, cancellationToken);
        try
        {
            await Task.WhenAll(milestone.Issues.Select(Start).ToList());
        }
        catch (OperationCanceledException)
        {
            status = RunStatus.Interrupted;
            throw;
        }
        catch (SquadException)
        {
            status = RunStatus.Failed;
            throw;
        }
        finally
        {
            // The map is awaited before the run's end is recorded (it never throws): its git has ended, unless the run was
            // cancelled, when the render (shared, never cancelled by one caller) finishes on its own.
            await baseMap;
            await squads.Workspaces.DropSparesAsync();
            await services.Store.CompleteRunAsync(run.Id, status, CancellationToken.None);
        }

        return new MilestoneReport
        {
            Run = await services.Store.GetRunAsync(run.Id, cancellationToken) ?? run,
            Squads = await services.Store.ListSquadsAsync(run.Id, cancellationToken),
            SetupsRan = squads.Workspaces.SetupOutputs.Ran,
            SetupsCopied = squads.Workspaces.SetupOutputs.Reused,
        };
    }

    private async Task<SquadRecord> RunOneAsync(
        string runId, Milestone milestone, Issue issue, SquadRunner squads, SemaphoreSlim slots,
        Dictionary<string, Issue> byId, Func<Issue, Task<SquadRecord>> start, IReadOnlySet<string> cycles, CancellationToken cancellationToken)
    {
        await Task.Yield();
        if (cycles.Contains(issue.Identifier))
        {
            return await squads.SettleWithoutWorkAsync(runId, milestone.Key, issue, SquadOutcome.Blocked,
                $"{issue.Identifier} is part of a blocked_by cycle: break the cycle in the tracker", cancellationToken);
        }

        var existing = await services.Store.GetSquadAsync(milestone.Key, issue.Identifier, cancellationToken);
        if (existing is null && issue.StateType is IssueStateType.Completed or IssueStateType.Canceled)
        {
            return await squads.SettleWithoutWorkAsync(runId, milestone.Key, issue, SquadOutcome.Skipped,
                $"already {issue.State} in the tracker", cancellationToken);
        }

        foreach (var blocker in issue.BlockedBy)
        {
            if (!byId.TryGetValue(blocker, out var blocking))
            {
                return await squads.SettleWithoutWorkAsync(runId, milestone.Key, issue, SquadOutcome.Blocked,
                    $"blocked by {blocker}, which is not in this milestone: finish it first", cancellationToken);
            }

            services.Progress?.Report(issue.Identifier, SquadStep.Pending, $"waiting for {blocker}");
            var blockerRecord = await start(blocking);
            if (blockerRecord.Outcome is not (SquadOutcome.Merged or SquadOutcome.Skipped))
            {
                return await squads.SettleWithoutWorkAsync(runId, milestone.Key, issue, SquadOutcome.Blocked,
                    $"blocked by {blocker}, which ended {blockerRecord.Outcome}", cancellationToken);
            }
        }

        await slots.WaitAsync(cancellationToken);
        try
        {
            return await squads.RunAsync(runId, milestone, issue, cancellationToken);
        }
        finally
        {
            slots.Release();
        }
    }
}
