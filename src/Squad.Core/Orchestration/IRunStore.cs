namespace Squad.Core.Orchestration;

/// <summary>
/// Durable state of runs and squads (a SQLite file in the data directory). A squad is keyed by
/// milestone and issue, not by run, so a second run of a milestone resumes or skips it.
/// </summary>
public interface IRunStore
{
    Task<RunRecord> CreateRunAsync(NewRun run, CancellationToken cancellationToken = default);

    Task CompleteRunAsync(string runId, RunStatus status, CancellationToken cancellationToken = default);

    Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Runs, newest first.</summary>
    Task<IReadOnlyList<RunRecord>> ListRunsAsync(int limit = 20, CancellationToken cancellationToken = default);

    Task<SquadRecord?> GetSquadAsync(string milestoneKey, string issueIdentifier, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces the squad's row; one transaction.</summary>
    Task SaveSquadAsync(SquadRecord squad, CancellationToken cancellationToken = default);

    /// <summary>The squads a run touched, in issue order.</summary>
    Task<IReadOnlyList<SquadRecord>> ListSquadsAsync(string runId, CancellationToken cancellationToken = default);

    Task AppendEventAsync(SquadEvent squadEvent, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<SquadEvent>> ListEventsAsync(string runId, CancellationToken cancellationToken = default);
}
