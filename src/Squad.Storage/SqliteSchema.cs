using Microsoft.Data.Sqlite;

namespace Squad.Storage;

/// <summary>
/// The schema of the state database as an ordered list of migrations. Version N is <c>Migrations[N - 1]</c>;
/// append new versions (audit, costs), never edit one that has shipped.
/// </summary>
internal static class SqliteSchema
{
    private const string Version1 = """
        CREATE TABLE runs (
            id TEXT NOT NULL PRIMARY KEY,
            milestone_key TEXT NOT NULL,
            milestone_name TEXT NOT NULL,
            repository TEXT NOT NULL,
            model TEXT NOT NULL,
            status TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT
        );
        CREATE INDEX ix_runs_started_at ON runs (started_at);

        CREATE TABLE squads (
            milestone_key TEXT NOT NULL,
            issue_identifier TEXT NOT NULL,
            run_id TEXT NOT NULL REFERENCES runs (id),
            issue_title TEXT NOT NULL,
            step TEXT NOT NULL,
            outcome TEXT NOT NULL,
            reason TEXT,
            branch TEXT,
            pull_request_number INTEGER,
            pull_request_url TEXT,
            review_rounds INTEGER NOT NULL,
            merge_commit_sha TEXT,
            passes TEXT NOT NULL,
            effects TEXT NOT NULL,
            intake_hash TEXT,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (milestone_key, issue_identifier)
        );

        CREATE TABLE squad_runs (
            run_id TEXT NOT NULL REFERENCES runs (id),
            milestone_key TEXT NOT NULL,
            issue_identifier TEXT NOT NULL,
            PRIMARY KEY (run_id, milestone_key, issue_identifier),
            FOREIGN KEY (milestone_key, issue_identifier) REFERENCES squads (milestone_key, issue_identifier)
        );

        CREATE TABLE events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id TEXT NOT NULL REFERENCES runs (id),
            issue_identifier TEXT NOT NULL,
            step TEXT NOT NULL,
            message TEXT NOT NULL,
            at TEXT NOT NULL
        );
        CREATE INDEX ix_events_run_id ON events (run_id, id);
        """;

    // The audit trail: every model call (fingerprints, tokens, cost in units of 1e-9 USD so sums stay exact) and tool call.
    private const string Version2 = """
        CREATE TABLE model_calls (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id TEXT NOT NULL REFERENCES runs (id),
            issue_identifier TEXT NOT NULL,
            role TEXT NOT NULL,
            pass INTEGER NOT NULL,
            provider TEXT NOT NULL,
            model_id TEXT NOT NULL,
            request_sha256 TEXT NOT NULL,
            response_sha256 TEXT NOT NULL,
            input_tokens INTEGER NOT NULL,
            output_tokens INTEGER NOT NULL,
            cost_nano_usd INTEGER NOT NULL,
            latency_ms REAL NOT NULL,
            at TEXT NOT NULL
        );
        CREATE INDEX ix_model_calls_run_id ON model_calls (run_id, id);

        CREATE TABLE tool_calls (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id TEXT NOT NULL REFERENCES runs (id),
            issue_identifier TEXT NOT NULL,
            role TEXT NOT NULL,
            pass INTEGER NOT NULL,
            tool TEXT NOT NULL,
            arguments TEXT NOT NULL,
            status TEXT NOT NULL,
            exit_code INTEGER,
            duration_ms REAL NOT NULL,
            at TEXT NOT NULL
        );
        CREATE INDEX ix_tool_calls_run_id ON tool_calls (run_id, id);
        """;

    // Bug-fix squads: the Diagnostician's diagnosis (the squad's spec) and whether the regression test failed before the fix.
    private const string Version3 = """
        ALTER TABLE squads ADD COLUMN diagnosis TEXT;
        ALTER TABLE squads ADD COLUMN regression_check TEXT;
        """;

    // Crash safety: the keys of side effects begun but not yet recorded done (intent stored, effect perhaps made).
    private const string Version4 = """
        ALTER TABLE squads ADD COLUMN pending_effects TEXT NOT NULL DEFAULT '[]';
        """;

    // The merge queue: conflict rounds (bounded), when the pull request entered the queue and how long it waited there.
    private const string Version5 = """
        ALTER TABLE squads ADD COLUMN conflict_rounds INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE squads ADD COLUMN queued_at TEXT;
        ALTER TABLE squads ADD COLUMN queue_wait_ms INTEGER NOT NULL DEFAULT 0;
        """;

    // The dashboard: the tracker issue's own address, to link to it.
    private const string Version6 = """
        ALTER TABLE squads ADD COLUMN issue_url TEXT;
        """;


    // Main stays green: a squad's post-merge verification and revert (JSON), and the Healer's attempts per failure cause.
    private const string Version7 = """
        ALTER TABLE squads ADD COLUMN post_merge TEXT;
        CREATE TABLE healer_attempts (
            repository TEXT NOT NULL,
            signature TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            last_attempt_at TEXT NOT NULL,
            last_issue TEXT NOT NULL,
            last_commit TEXT NOT NULL,
            summary TEXT NOT NULL,
            PRIMARY KEY (repository, signature)
        );
        """;

    // The webhook deliveries squad serve accepted, by id: a redelivery starts nothing, a pending one resumes at start.
    private const string Version8 = """
        CREATE TABLE webhook_deliveries (
            id TEXT PRIMARY KEY,
            event TEXT NOT NULL,
            repository TEXT,
            received_at TEXT NOT NULL,
            outcome TEXT,
            completed_at TEXT
        );
        """;

    // Guardrail results recorded from pristine copies, by the hash of what decides them: a resumed run does not test a tree again.
    private const string Version9 = """
        CREATE TABLE guardrail_results (
            key TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            payload TEXT NOT NULL,
            recorded_at TEXT NOT NULL
        );
        """;

    private static readonly string[] Migrations = [Version1, Version2, Version3, Version4, Version5, Version6, Version7, Version8, Version9];

    /// <summary>The version this build brings a database to.</summary>
    public static int LatestVersion => Migrations.Length;

    /// <summary>Switches the file to WAL and applies the missing migrations, in order, in one transaction.</summary>
    public static async Task MigrateAsync(
        SqliteConnection connection,
        string path,
        DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        // The journal mode belongs to the file and cannot change inside a transaction.
        await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;", cancellationToken);

        // BEGIN IMMEDIATE: two processes starting at once queue here instead of both migrating.
        await using var transaction = connection.BeginTransaction(deferred: false);
        await ExecuteAsync(
            connection,
            transaction,
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL);",
            cancellationToken);

        var current = await CurrentVersionAsync(connection, transaction, cancellationToken);
        if (current > LatestVersion)
        {
            throw SqliteFailure.Create(
                path,
                $"has schema version {current}, newer than this version of Squad knows ({LatestVersion}); upgrade Squad");
        }

        for (var version = current + 1; version <= LatestVersion; version++)
        {
            await ExecuteAsync(connection, transaction, Migrations[version - 1], cancellationToken);
            await RecordVersionAsync(connection, transaction, version, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<int> CurrentVersionAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version;";
        var result = await command.ExecuteScalarAsync(cancellationToken);
        return Convert.ToInt32(result, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task RecordVersionAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        int version,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO schema_version (version, applied_at) VALUES ($version, $applied_at);";
        command.Parameters.AddWithValue("$version", version);
        command.Parameters.AddWithValue("$applied_at", SqliteValues.FromTime(now));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(
        SqliteConnection connection,
        SqliteTransaction? transaction,
        string sql,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
