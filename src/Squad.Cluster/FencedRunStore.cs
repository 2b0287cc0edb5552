using System.Collections.Concurrent;
using Squad.Core.Orchestration;

namespace Squad.Cluster;

/// <summary>
/// The run store of a node's squads, fenced: before a squad's state is written (each journal step: intent, effect
/// recorded, step done), the start writing it must still hold the squad's lease, so a start that lost the lease to a
/// second activation elsewhere writes nothing more. Reads and events pass through.
/// </summary>
public sealed class FencedRunStore(IRunStore inner) : IRunStore
{
    private readonly ConcurrentDictionary<(string Milestone, string Issue), ISquadFence> fences = new();

    /// <summary>Fences the squad of <paramref name="issue"/> with <paramref name="fence"/> until the result is disposed.</summary>
    public IDisposable Enter(string milestoneKey, string issue, ISquadFence fence)
    {
        var key = (milestoneKey, issue);
        fences[key] = fence;
        return new Exit(() => fences.TryRemove(new KeyValuePair<(string, string), ISquadFence>(key, fence)));
    }

    public async Task SaveSquadAsync(SquadRecord squad, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(squad);
        if (fences.TryGetValue((squad.MilestoneKey, squad.IssueIdentifier), out var fence))
        {
            await fence.EnsureHeldAsync(cancellationToken);
        }

        await inner.SaveSquadAsync(squad, cancellationToken);
    }

    public Task<RunRecord> CreateRunAsync(NewRun run, CancellationToken cancellationToken = default) => inner.CreateRunAsync(run, cancellationToken);

    public Task CompleteRunAsync(string runId, RunStatus status, CancellationToken cancellationToken = default) => inner.CompleteRunAsync(runId, status, cancellationToken);

    public Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken = default) => inner.GetRunAsync(runId, cancellationToken);

    public Task<IReadOnlyList<RunRecord>> ListRunsAsync(int limit = 20, CancellationToken cancellationToken = default) => inner.ListRunsAsync(limit, cancellationToken);

    public Task<SquadRecord?> GetSquadAsync(string milestoneKey, string issueIdentifier, CancellationToken cancellationToken = default)
        => inner.GetSquadAsync(milestoneKey, issueIdentifier, cancellationToken);

    public Task<IReadOnlyList<SquadRecord>> ListSquadsAsync(string runId, CancellationToken cancellationToken = default) => inner.ListSquadsAsync(runId, cancellationToken);

    public Task AppendEventAsync(SquadEvent squadEvent, CancellationToken cancellationToken = default) => inner.AppendEventAsync(squadEvent, cancellationToken);

    public Task<IReadOnlyList<SquadEvent>> ListEventsAsync(string runId, CancellationToken cancellationToken = default) => inner.ListEventsAsync(runId, cancellationToken);

    private sealed class Exit(Action exit) : IDisposable
    {
        public void Dispose() => exit();
    }
}
