using Squad.Core.Orchestration;

namespace Squad.Testing;

/// <summary>Runs and squads in memory, keyed as the SQLite store keys them; run ids are r1, r2, ...</summary>
public sealed class InMemoryRunStore(TimeProvider time) : IRunStore
{
    private readonly Lock gate = new();
    private readonly List<RunRecord> runs = [];
    private readonly Dictionary<(string Milestone, string Issue), SquadRecord> squads = [];
    private readonly List<SquadEvent> events = [];

    public Task<RunRecord> CreateRunAsync(NewRun run, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            var record = new RunRecord
            {
                Id = $"r{runs.Count + 1}",
                MilestoneKey = run.MilestoneKey,
                MilestoneName = run.MilestoneName,
                Repository = run.Repository,
                Model = run.Model,
                Status = RunStatus.Running,
                StartedAt = time.GetUtcNow(),
            };
            runs.Add(record);
            return Task.FromResult(record);
        }
    }

    public Task CompleteRunAsync(string runId, RunStatus status, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            var index = runs.FindIndex(r => r.Id == runId);
            runs[index] = runs[index] with { Status = status, FinishedAt = time.GetUtcNow() };
            return Task.CompletedTask;
        }
    }

    public Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult(runs.FirstOrDefault(r => r.Id == runId));
        }
    }

    public Task<IReadOnlyList<RunRecord>> ListRunsAsync(int limit = 20, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<RunRecord>>([.. Enumerable.Reverse(runs).Take(limit)]);
        }
    }

    public Task<SquadRecord?> GetSquadAsync(string milestoneKey, string issueIdentifier, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult(squads.GetValueOrDefault((milestoneKey, issueIdentifier)));
        }
    }

    public Task SaveSquadAsync(SquadRecord squad, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(squad);
        lock (gate)
        {
            squads[(squad.MilestoneKey, squad.IssueIdentifier)] = squad;
            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<SquadRecord>> ListSquadsAsync(string runId, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<SquadRecord>>(
                [.. squads.Values.Where(s => s.RunId == runId).OrderBy(s => s.IssueIdentifier, StringComparer.Ordinal)]);
        }
    }

    public Task AppendEventAsync(SquadEvent squadEvent, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            events.Add(squadEvent);
            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<SquadEvent>> ListEventsAsync(string runId, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<SquadEvent>>([.. events.Where(e => e.RunId == runId)]);
        }
    }
}
