using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Squad.Core.Orchestration;

namespace Squad.Storage;

/// <summary>
/// The run store in one SQLite file, created with its directory on first use. Safe for concurrent use
/// by the squads of one process and by several processes on the same file.
/// </summary>
/// <remarks>
/// Every operation takes its own connection from Microsoft.Data.Sqlite's pool rather than sharing one
/// behind a <see cref="SemaphoreSlim"/>: a SQLite connection must not be used by two threads at once,
/// WAL lets readers run beside the single writer, and busy_timeout with BEGIN IMMEDIATE queues writers,
/// across processes too, which an in-process lock could not do.
/// </remarks>
public sealed class SqliteRunStore : IRunStore, IDisposable
{
    private const string InsertRun = """
        INSERT INTO runs (id, milestone_key, milestone_name, repository, model, status, started_at)
        VALUES ($id, $milestone_key, $milestone_name, $repository, $model, $status, $started_at);
        """;

    private const string UpsertSquad = """
        INSERT INTO squads (milestone_key, issue_identifier, run_id, issue_title, step, outcome, reason, branch,
            pull_request_number, pull_request_url, review_rounds, merge_commit_sha, passes, effects, intake_hash, updated_at, diagnosis, regression_check, pending_effects,
            conflict_rounds, queued_at, queue_wait_ms, issue_url, post_merge)
        VALUES ($milestone_key, $issue_identifier, $run_id, $issue_title, $step, $outcome, $reason, $branch,
            $pull_request_number, $pull_request_url, $review_rounds, $merge_commit_sha, $passes, $effects, $intake_hash, $updated_at, $diagnosis, $regression_check, $pending_effects,
            $conflict_rounds, $queued_at, $queue_wait_ms, $issue_url, $post_merge)
        ON CONFLICT (milestone_key, issue_identifier) DO UPDATE SET
            run_id = excluded.run_id, issue_title = excluded.issue_title, step = excluded.step,
            outcome = excluded.outcome, reason = excluded.reason, branch = excluded.branch,
            pull_request_number = excluded.pull_request_number, pull_request_url = excluded.pull_request_url,
            review_rounds = excluded.review_rounds, merge_commit_sha = excluded.merge_commit_sha,
            passes = excluded.passes, effects = excluded.effects, intake_hash = excluded.intake_hash,
            updated_at = excluded.updated_at, diagnosis = excluded.diagnosis, regression_check = excluded.regression_check,
            pending_effects = excluded.pending_effects, conflict_rounds = excluded.conflict_rounds,
            queued_at = excluded.queued_at, queue_wait_ms = excluded.queue_wait_ms, issue_url = excluded.issue_url, post_merge = excluded.post_merge;
        INSERT OR IGNORE INTO squad_runs (run_id, milestone_key, issue_identifier)
        VALUES ($run_id, $milestone_key, $issue_identifier);
        """;

    private readonly SqliteDatabase database;
    private readonly TimeProvider timeProvider;
    private readonly Func<string> newRunId;

    /// <param name="databasePath">The database file; it and its directory are created when missing.</param>
    /// <param name="timeProvider">The clock for run start and finish times.</param>
    /// <param name="newRunId">Makes the id of a new run; by default <c>run-yyyyMMdd-HHmmss-xxxx</c> (UTC, 4 random hex digits).</param>
    public SqliteRunStore(string databasePath, TimeProvider timeProvider, Func<string>? newRunId = null)
    {
        database = new SqliteDatabase(databasePath, timeProvider);
        this.timeProvider = timeProvider;
        this.newRunId = newRunId ?? NewDefaultRunId;
    }

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath => database.Path;

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
        await database.ExecuteAsync(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = InsertRun;
                command.Bind("$id", record.Id);
                command.Bind("$milestone_key", record.MilestoneKey);
                command.Bind("$milestone_name", record.MilestoneName);
                command.Bind("$repository", record.Repository);
                command.Bind("$model", record.Model);
                command.Bind("$status", record.Status.ToString());
                command.Bind("$started_at", SqliteValues.FromTime(record.StartedAt));
                await command.ExecuteNonQueryAsync(token);
            },
            cancellationToken);
        return record;
    }

    public Task CompleteRunAsync(string runId, RunStatus status, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        return database.ExecuteAsync(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "UPDATE runs SET status = $status, finished_at = $finished_at WHERE id = $id;";
                command.Bind("$id", runId);
                command.Bind("$status", status.ToString());
                command.Bind("$finished_at", SqliteValues.FromTime(timeProvider.GetUtcNow()));
                if (await command.ExecuteNonQueryAsync(token) == 0)
                {
                    throw SqliteFailure.Create(database.Path, $"has no run {runId} to complete");
                }
            },
            cancellationToken);
    }

    public async Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        var runs = await QueryAsync(
            $"SELECT {SqliteRows.RunColumns} FROM runs WHERE id = $id;",
            command => command.Bind("$id", runId),
            SqliteRows.ReadRun,
            cancellationToken);
        return runs.Count == 0 ? null : runs[0];
    }

    public Task<IReadOnlyList<RunRecord>> ListRunsAsync(int limit = 20, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return QueryAsync(
            $"SELECT {SqliteRows.RunColumns} FROM runs ORDER BY started_at DESC, id DESC LIMIT $limit;",
            command => command.Bind("$limit", limit),
            SqliteRows.ReadRun,
            cancellationToken);
    }

    public async Task<SquadRecord?> GetSquadAsync(
        string milestoneKey,
        string issueIdentifier,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(milestoneKey);
        ArgumentException.ThrowIfNullOrEmpty(issueIdentifier);
        var squads = await QueryAsync(
            $"SELECT {SqliteRows.SquadColumns} FROM squads s WHERE s.milestone_key = $milestone_key AND s.issue_identifier = $issue_identifier;",
            command =>
            {
                command.Bind("$milestone_key", milestoneKey);
                command.Bind("$issue_identifier", issueIdentifier);
            },
            SqliteRows.ReadSquad,
            cancellationToken);
        return squads.Count == 0 ? null : squads[0];
    }

    public Task SaveSquadAsync(SquadRecord squad, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(squad);
        return database.ExecuteAsync(
            async (connection, token) =>
            {
                // BEGIN IMMEDIATE takes the write lock up front, so busy_timeout applies instead of a failed upgrade.
                await using var transaction = connection.BeginTransaction(deferred: false);
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = UpsertSquad;
                SqliteRows.BindSquad(command, squad);
                await command.ExecuteNonQueryAsync(token);
                await transaction.CommitAsync(token);
            },
            cancellationToken);
    }

    /// <summary>The squads the run saved, each as it stands now (a later run may have moved it on), in issue order.</summary>
    public async Task<IReadOnlyList<SquadRecord>> ListSquadsAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        var squads = await QueryAsync(
            $"""
            SELECT {SqliteRows.SquadColumns} FROM squads s
            JOIN squad_runs r ON r.milestone_key = s.milestone_key AND r.issue_identifier = s.issue_identifier
            WHERE r.run_id = $run_id;
            """,
            command => command.Bind("$run_id", runId),
            SqliteRows.ReadSquad,
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
        return database.ExecuteAsync(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"INSERT INTO events ({SqliteRows.EventColumns}) VALUES ($run_id, $issue_identifier, $step, $message, $at);";
                command.Bind("$run_id", squadEvent.RunId);
                command.Bind("$issue_identifier", squadEvent.IssueIdentifier);
                command.Bind("$step", squadEvent.Step.ToString());
                command.Bind("$message", squadEvent.Message);
                command.Bind("$at", SqliteValues.FromTime(squadEvent.At));
                await command.ExecuteNonQueryAsync(token);
            },
            cancellationToken);
    }

    /// <summary>The run's events in the order they were appended.</summary>
    public Task<IReadOnlyList<SquadEvent>> ListEventsAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        return QueryAsync(
            $"SELECT {SqliteRows.EventColumns} FROM events WHERE run_id = $run_id ORDER BY id;",
            command => command.Bind("$run_id", runId),
            SqliteRows.ReadEvent,
            cancellationToken);
    }

    /// <summary>Releases the pooled connections to the file.</summary>
    public void Dispose() => database.Dispose();

    private Task<IReadOnlyList<T>> QueryAsync<T>(
        string sql,
        Action<SqliteCommand> bind,
        Func<SqliteDataReader, T> read,
        CancellationToken cancellationToken) =>
        database.QueryAsync(sql, bind, read, cancellationToken);

    private string NewDefaultRunId() => string.Create(
        CultureInfo.InvariantCulture,
        $"run-{timeProvider.GetUtcNow():yyyyMMdd-HHmmss}-{RandomNumberGenerator.GetHexString(4, lowercase: true)}");
}
