using System.Globalization;
using System.Security.Cryptography;
using Squad.Core.Orchestration;

namespace Squad.Storage.Postgres;

/// <summary>
/// The run store in PostgreSQL, shared by every node of a cluster; the schema is created or brought up to date on
/// first use. Behaves as <see cref="SqliteRunStore"/> does: both pass the same contract suite.
/// </summary>
public sealed class PostgresRunStore : IRunStore, IDisposable
{
    private static readonly string InsertRun =
        $"INSERT INTO runs ({PostgresRows.RunColumns}) VALUES ({PostgresRows.Parameters(PostgresRows.RunColumns)});";

    private static readonly string UpsertSquad = $"""
        INSERT INTO squads ({PostgresRows.SquadColumns.Replace("s.", "", StringComparison.Ordinal).Replace("::text", "", StringComparison.Ordinal)})
        VALUES ({PostgresRows.Parameters(PostgresRows.SquadColumns.Replace("s.", "", StringComparison.Ordinal).Replace("::text", "", StringComparison.Ordinal))})
        ON CONFLICT (milestone_key, issue_identifier) DO UPDATE SET
            run_id = excluded.run_id, issue_title = excluded.issue_title, step = excluded.step,
            outcome = excluded.outcome, reason = excluded.reason, branch = excluded.branch,
            pull_request_number = excluded.pull_request_number, pull_request_url = excluded.pull_request_url,
            review_rounds = excluded.review_rounds, merge_commit_sha = excluded.merge_commit_sha,
            passes = excluded.passes, effects = excluded.effects, intake_hash = excluded.intake_hash,
            updated_at = excluded.updated_at, diagnosis = excluded.diagnosis, regression_check = excluded.regression_check,
            pending_effects = excluded.pending_effects, conflict_rounds = excluded.conflict_rounds, queued_at = excluded.queued_at,
            queue_wait_ms = excluded.queue_wait_ms, issue_url = excluded.issue_url, post_merge = excluded.post_merge;
        INSERT INTO squad_runs (run_id, milestone_key, issue_identifier)
        VALUES (@run_id, @milestone_key, @issue_identifier) ON CONFLICT DO NOTHING;
        """;

    private readonly PostgresDatabase database;
    private readonly TimeProvider timeProvider;
    private readonly Func<string> newRunId;

    /// <param name="connectionString">An Npgsql connection string; Squad's tables go in the schema <c>squad</c>.</param>
    /// <param name="timeProvider">The clock for run start and finish times.</param>
    /// <param name="newRunId">Makes the id of a new run; by default <c>run-yyyyMMdd-HHmmss-xxxx</c> (UTC, 4 random hex digits).</param>
    public PostgresRunStore(string connectionString, TimeProvider timeProvider, Func<string>? newRunId = null)
    {
        database = new PostgresDatabase(connectionString, timeProvider);
        this.timeProvider = timeProvider;
        this.newRunId = newRunId ?? NewDefaultRunId;
    }

    public async Task<RunRecord> CreateRunAsync(NewRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var record = new RunRecord
        {
            Id = newRunId(),
            MilestoneKey = run.MilestoneKey,
            MilestoneName = run.MilestoneName,
            Repository = run.Repository,
            Model = run.Model,
            Status = RunStatus.Running,
            StartedAt = timeProvider.GetUtcNow(),
        };
        await database.ExecuteNonQueryAsync(InsertRun, command =>
        {
            PostgresRows.Bind(command, "id", record.Id);
            PostgresRows.Bind(command, "milestone_key", record.MilestoneKey);
            PostgresRows.Bind(command, "milestone_name", record.MilestoneName);
            PostgresRows.Bind(command, "repository", record.Repository);
            PostgresRows.Bind(command, "model", record.Model);
            PostgresRows.Bind(command, "status", record.Status.ToString());
            PostgresRows.Bind(command, "started_at", SqliteValues.FromTime(record.StartedAt));
            PostgresRows.Bind(command, "finished_at", null);
        }, cancellationToken);
        return record;
    }

    public async Task CompleteRunAsync(string runId, RunStatus status, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        var updated = await database.ExecuteNonQueryAsync(
            "UPDATE runs SET status = @status, finished_at = @finished_at WHERE id = @id;",
            command =>
            {
                PostgresRows.Bind(command, "id", runId);
                PostgresRows.Bind(command, "status", status.ToString());
                PostgresRows.Bind(command, "finished_at", SqliteValues.FromTime(timeProvider.GetUtcNow()));
            },
            cancellationToken);
        if (updated == 0)
        {
            throw PostgresFailure.Create(database.Name, $"has no run {runId} to complete");
        }
    }

    public async Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        var runs = await database.QueryAsync(
            $"SELECT {PostgresRows.RunColumns} FROM runs WHERE id = @id;",
            command => PostgresRows.Bind(command, "id", runId),
            PostgresRows.ReadRun,
            cancellationToken);
        return runs.Count == 0 ? null : runs[0];
    }

    public Task<IReadOnlyList<RunRecord>> ListRunsAsync(int limit = 20, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return database.QueryAsync(
            $"SELECT {PostgresRows.RunColumns} FROM runs ORDER BY started_at DESC, id COLLATE \"C\" DESC LIMIT @limit;",
            command => PostgresRows.Bind(command, "limit", limit),
            PostgresRows.ReadRun,
            cancellationToken);
    }

    public async Task<SquadRecord?> GetSquadAsync(string milestoneKey, string issueIdentifier, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(milestoneKey);
        ArgumentException.ThrowIfNullOrEmpty(issueIdentifier);
        var squads = await database.QueryAsync(
            $"SELECT {PostgresRows.SquadColumns} FROM squads s WHERE s.milestone_key = @milestone_key AND s.issue_identifier = @issue_identifier;",
            command =>
            {
                PostgresRows.Bind(command, "milestone_key", milestoneKey);
                PostgresRows.Bind(command, "issue_identifier", issueIdentifier);
            },
            PostgresRows.ReadSquad,
            cancellationToken);
        return squads.Count == 0 ? null : squads[0];
    }

    /// <summary>Inserts or replaces the squad's row and links it to its run: one statement batch, one transaction.</summary>
    public Task SaveSquadAsync(SquadRecord squad, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(squad);
        return database.ExecuteAsync(
            async (connection, token) =>
            {
                await using var transaction = await connection.BeginTransactionAsync(token);
                await using var command = new Npgsql.NpgsqlCommand(UpsertSquad, connection, transaction);
                PostgresRows.BindSquad(command, squad);
                await command.ExecuteNonQueryAsync(token);
                await transaction.CommitAsync(token);
            },
            cancellationToken);
    }

    /// <summary>The squads the run saved, each as it stands now (a later run may have moved it on), in issue order.</summary>
    public async Task<IReadOnlyList<SquadRecord>> ListSquadsAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        var squads = await database.QueryAsync(
            $"""
            SELECT {PostgresRows.SquadColumns} FROM squads s
            JOIN squad_runs r ON r.milestone_key = s.milestone_key AND r.issue_identifier = s.issue_identifier
            WHERE r.run_id = @run_id;
            """,
            command => PostgresRows.Bind(command, "run_id", runId),
            PostgresRows.ReadSquad,
            cancellationToken);
        return
        [
            .. squads
                .OrderBy(squad => squad.IssueIdentifier, IssueIdentifierComparer.Instance)
                .ThenBy(squad => squad.MilestoneKey, StringComparer.Ordinal),
        ];
    }

    public Task AppendEventAsync(SquadEvent squadEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(squadEvent);
        return database.ExecuteNonQueryAsync(
            $"INSERT INTO events ({PostgresRows.EventColumns}) VALUES ({PostgresRows.Parameters(PostgresRows.EventColumns)});",
            command =>
            {
                PostgresRows.Bind(command, "run_id", squadEvent.RunId);
                PostgresRows.Bind(command, "issue_identifier", squadEvent.IssueIdentifier);
                PostgresRows.Bind(command, "step", squadEvent.Step.ToString());
                PostgresRows.Bind(command, "message", squadEvent.Message);
                PostgresRows.Bind(command, "at", SqliteValues.FromTime(squadEvent.At));
            },
            cancellationToken);
    }

    /// <summary>The run's events in the order they were appended.</summary>
    public Task<IReadOnlyList<SquadEvent>> ListEventsAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        return database.QueryAsync(
            $"SELECT {PostgresRows.EventColumns} FROM events WHERE run_id = @run_id ORDER BY id;",
            command => PostgresRows.Bind(command, "run_id", runId),
            PostgresRows.ReadEvent,
            cancellationToken);
    }

    /// <summary>Closes the pooled connections.</summary>
    public void Dispose() => database.Dispose();

    private string NewDefaultRunId() => string.Create(
        CultureInfo.InvariantCulture,
        $"run-{timeProvider.GetUtcNow():yyyyMMdd-HHmmss}-{RandomNumberGenerator.GetHexString(4, lowercase: true)}");
}
