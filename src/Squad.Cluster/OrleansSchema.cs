using Npgsql;
using Squad.Core;
using Squad.Storage.Postgres;

namespace Squad.Cluster;

/// <summary>
/// Orleans' own tables (membership, grain state, reminders) from its vendored scripts (Sql/README.md), created once per
/// database: the first node to start creates them under an advisory lock, the others find them there.
/// </summary>
internal static class OrleansSchema
{
    private static readonly string[] Scripts =
        ["PostgreSQL-Main.sql", "PostgreSQL-Clustering.sql", "PostgreSQL-Persistence.sql", "PostgreSQL-Reminders.sql"];

    public static async Task EnsureAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(hashtext('squad-orleans-schema'));", cancellationToken);
            await using (var exists = new NpgsqlCommand("SELECT to_regclass('public.orleansquery') IS NOT NULL;", connection))
            {
                if (await exists.ExecuteScalarAsync(cancellationToken) is true)
                {
                    return;
                }
            }

            foreach (var script in Scripts)
            {
                await ExecuteAsync(connection, Read(script), cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (NpgsqlException exception)
        {
            throw new SquadException(SquadErrorCode.Storage,
                $"the cluster database {PostgresConnection.Describe(connectionString)} could not be prepared for Orleans: {exception.Message.ReplaceLineEndings(" ")}",
                exception);
        }
    }

    private static string Read(string script)
    {
        using var stream = typeof(OrleansSchema).Assembly.GetManifestResourceStream($"Squad.Cluster.Sql.{script}")
            ?? throw new InvalidOperationException($"the vendored script {script} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
