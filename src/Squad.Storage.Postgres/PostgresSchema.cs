using Npgsql;

namespace Squad.Storage.Postgres;

/// <summary>
/// Squad's tables in their own schema (<c>squad</c>), beside Orleans' tables, as an ordered list of migrations:
/// version N is <c>Migrations[N - 1]</c>; append new versions, never edit one that has shipped. The tables mirror the
/// SQLite store's; times are UTC round-trip text as there, so both keep an instant to the tick and sort alike.
/// </summary>
internal static class PostgresSchema
{
    public const string SchemaName = "squad";

    private const string Version1 = """
        CREATE TABLE runs (
            id text NOT NULL PRIMARY KEY,
            milestone_key text NOT NULL,
            milestone_name text NOT NULL,
            repository text NOT NULL,
            model text NOT NULL,
            status text NOT NULL,
            started_at text NOT NULL,
            finished_at text
        );
        CREATE INDEX ix_runs_started_at ON runs (started_at);

        CREATE TABLE squads (
            milestone_key text NOT NULL,
            issue_identifier text NOT NULL,
            run_id text NOT NULL REFERENCES runs (id),
            issue_title text NOT NULL,
            step text NOT NULL,
            outcome text NOT NULL,
            reason text,
            branch text,
            pull_request_number integer,
            pull_request_url text,
            review_rounds integer NOT NULL,
            merge_commit_sha text,
            passes jsonb NOT NULL,
            effects jsonb NOT NULL,
            intake_hash text,
            updated_at text NOT NULL,
            diagnosis text,
            regression_check text,
            pending_effects jsonb NOT NULL DEFAULT '[]',
            PRIMARY KEY (milestone_key, issue_identifier)
        );

        CREATE TABLE squad_runs (
            run_id text NOT NULL REFERENCES runs (id),
            milestone_key text NOT NULL,
            issue_identifier text NOT NULL,
            PRIMARY KEY (run_id, milestone_key, issue_identifier),
            FOREIGN KEY (milestone_key, issue_identifier) REFERENCES squads (milestone_key, issue_identifier)
        );

        CREATE TABLE events (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            run_id text NOT NULL REFERENCES runs (id),
            issue_identifier text NOT NULL,
            step text NOT NULL,
            message text NOT NULL,
            at text NOT NULL
        );
        CREATE INDEX ix_events_run_id ON events (run_id, id);

        CREATE TABLE model_calls (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            run_id text NOT NULL REFERENCES runs (id),
            issue_identifier text NOT NULL,
            role text NOT NULL,
            pass integer NOT NULL,
            provider text NOT NULL,
            model_id text NOT NULL,
            request_sha256 text NOT NULL,
            response_sha256 text NOT NULL,
            input_tokens bigint NOT NULL,
            output_tokens bigint NOT NULL,
            cost_nano_usd bigint NOT NULL,
            latency_ms double precision NOT NULL,
            at text NOT NULL
        );
        CREATE INDEX ix_model_calls_run_id ON model_calls (run_id, id);

        CREATE TABLE tool_calls (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            run_id text NOT NULL REFERENCES runs (id),
            issue_identifier text NOT NULL,
            role text NOT NULL,
            pass integer NOT NULL,
            tool text NOT NULL,
            arguments text NOT NULL,
            status text NOT NULL,
            exit_code integer,
            duration_ms double precision NOT NULL,
            at text NOT NULL
        );
        CREATE INDEX ix_tool_calls_run_id ON tool_calls (run_id, id);

        -- The cluster's kill switch: one row while merges are stopped, on every node at once.
        CREATE TABLE kill_switch (
            id boolean NOT NULL PRIMARY KEY DEFAULT true CHECK (id),
            reason text NOT NULL,
            set_at text NOT NULL
        );
        """;

    // The merge queue (conflict rounds, queue entry and wait), the dashboard (the address), post-merge verification.
    private const string Version2 = """
        ALTER TABLE squads ADD COLUMN conflict_rounds integer NOT NULL DEFAULT 0;
        ALTER TABLE squads ADD COLUMN queued_at text;
        ALTER TABLE squads ADD COLUMN queue_wait_ms bigint NOT NULL DEFAULT 0;
        ALTER TABLE squads ADD COLUMN issue_url text;
        ALTER TABLE squads ADD COLUMN post_merge text;
        """;

    // Cluster sweeps: each occurrence of a sweep fires once in the whole cluster, whichever node's reminder ticks.
    private const string Version3 = """
        CREATE TABLE sweep_occurrences (
            sweep text NOT NULL,
            occurrence text NOT NULL,
            node text NOT NULL,
            fired_at text NOT NULL,
            PRIMARY KEY (sweep, occurrence)
        );
        """;

    // Squad leases: one holder per squad in the whole cluster, whatever Orleans' directory believes after a node dies.
    // Times are the server's (now()), so nodes whose clocks differ agree on when a lease expired.
    private const string Version4 = """
        CREATE TABLE squad_leases (
            squad_key text NOT NULL PRIMARY KEY,
            holder text NOT NULL,
            silo text NOT NULL,
            token bigint NOT NULL,
            expires_at timestamptz NOT NULL
        );
        """;

    private static readonly string[] Migrations = [Version1, Version2, Version3, Version4];

    /// <summary>The version this build brings a database to.</summary>
    public static int LatestVersion => Migrations.Length;

    /// <summary>Applies the missing migrations in one transaction, under a lock that queues nodes starting at once.</summary>
    public static async Task MigrateAsync(NpgsqlConnection connection, string name, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"""
            SELECT pg_advisory_xact_lock(hashtext('squad-schema'));
            CREATE SCHEMA IF NOT EXISTS {SchemaName};
            CREATE TABLE IF NOT EXISTS {SchemaName}.schema_version (version integer NOT NULL PRIMARY KEY, applied_at text NOT NULL);
            """, cancellationToken);
        await using (var read = new NpgsqlCommand($"SELECT COALESCE(MAX(version), 0) FROM {SchemaName}.schema_version;", connection))
        {
            var current = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            if (current > LatestVersion)
            {
                throw PostgresFailure.Create(name, $"has schema version {current}, newer than this version of Squad knows ({LatestVersion}); upgrade Squad");
            }

            for (var version = current + 1; version <= LatestVersion; version++)
            {
                await ExecuteAsync(connection, Migrations[version - 1], cancellationToken);
                await using var record = new NpgsqlCommand($"INSERT INTO {SchemaName}.schema_version (version, applied_at) VALUES (@version, @applied_at);", connection);
                record.Parameters.AddWithValue("version", version);
                record.Parameters.AddWithValue("applied_at", SqliteValues.FromTime(now));
                await record.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
