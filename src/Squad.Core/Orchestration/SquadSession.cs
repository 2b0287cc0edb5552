using Squad.Core.Configuration;
using Squad.Core.Domain;
using Squad.Core.Forge;

namespace Squad.Core.Orchestration;

/// <summary>The working state of one squad in one run, and the helpers that persist it.</summary>
internal sealed class SquadSession(SquadServices services, string runId, Issue issue, SquadRecord record)
{
    private readonly List<string> pendingPasses = [];
    private SquadJournal? journal;

    public SquadServices Services => services;

    public string RunId => runId;

    public Issue Issue => issue;

    public SquadRecord Record { get; private set; } = record;

    public IReadOnlyList<Scenario> Scenarios { get; set; } = [];

    public required string RepositoryName { get; init; }

    public RepositoryInfo Repository { get; set; } = null!;

    public RepositoryConfig Config { get; set; } = new();

    public Workspace? Workspace { get; set; }

    /// <summary>The latest event of the bug's error-tracker issue, read for the Diagnostician's pass.</summary>
    public string? ErrorEvent { get; set; }

    public string Id => issue.Identifier;

    /// <summary>The run's merge queue, shared by its squads (none in tests that build a session alone).</summary>
    public Queue.MergeQueue? Queue { get; init; }

    /// <summary>During a conflict round: the conflict or the failure the Developer's briefing carries.</summary>
    public string? Conflict { get; set; }

    /// <summary>The repository's tests at the head under review, run before the reviewers start (<see cref="HeadTests"/>).</summary>
    public HeadTests? HeadTests { get; set; }

    /// <summary>
    /// The pristine copy the Developer's last passing commit checks ran in, kept for the reviewers' commands on that head
    /// (their first build starts from it); taken by the review round, or removed when the squad ends.
    /// </summary>
    public PristineCopy? CommitCopy { get; set; }

    /// <summary>Where steps are completed and outward effects made, in their order: intent, effect, record.</summary>
    public SquadJournal Journal => journal ??= new SquadJournal(this);

    public async Task SaveAsync(Func<SquadRecord, SquadRecord> update, CancellationToken cancellationToken = default)
    {
        Record = update(Record) with { RunId = runId, UpdatedAt = services.Time.GetUtcNow() };
        await services.Store.SaveSquadAsync(Record, cancellationToken);
    }

    /// <summary>Stores a completed step together with the passes that made it (see <see cref="NotePass"/>), through the journal.</summary>
    public Task CompleteStepAsync(SquadStep step, CancellationToken cancellationToken = default)
        => Journal.CompleteStepAsync(step, cancellationToken);

    /// <summary>
    /// Saves <paramref name="update"/> and counts every pass noted since the last such save, in the same write: a pass whose
    /// work (commits not yet pushed, a diagnosis not yet stored) was lost to a crash is played again on resume, not skipped.
    /// </summary>
    public Task SaveWithPassesAsync(Func<SquadRecord, SquadRecord> update, CancellationToken cancellationToken = default)
    {
        var done = pendingPasses.ToList();
        pendingPasses.Clear();
        return SaveAsync(r =>
        {
            var passes = new Dictionary<string, int>(r.Passes);
            foreach (var role in done)
            {
                passes[role] = passes.GetValueOrDefault(role) + 1;
            }

            return update(r) with { Passes = passes };
        }, cancellationToken);
    }

    /// <summary>A pass of <paramref name="role"/> ended; it counts once its step is stored (<see cref="SaveWithPassesAsync"/>).</summary>
    public void NotePass(string role) => pendingPasses.Add(role);

    /// <summary>Announces a step: stored as an event and shown live.</summary>
    public async Task ReportAsync(SquadStep step, string message, CancellationToken cancellationToken = default)
    {
        services.Progress?.Report(issue.Identifier, step, message);
        await services.Store.AppendEventAsync(new SquadEvent
        {
            RunId = runId,
            IssueIdentifier = issue.Identifier,
            Step = step,
            Message = message,
            At = services.Time.GetUtcNow(),
        }, cancellationToken);
    }

    public int NextPass(string role) => (Record.Passes.TryGetValue(role, out var done) ? done : 0) + pendingPasses.Count(r => r == role) + 1;

    public Task CountPassAsync(string role, CancellationToken cancellationToken = default)
        => SaveAsync(r => r with { Passes = new Dictionary<string, int>(r.Passes) { [role] = NextPass(role) } }, cancellationToken);
}
