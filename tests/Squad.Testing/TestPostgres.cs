using Npgsql;

namespace Squad.Testing;

/// <summary>
/// The PostgreSQL server tests use (<c>SQUAD_TEST_POSTGRES</c>), and a fresh database on it per test, dropped after:
/// tests never share tables, so they can run in parallel and leave nothing behind.
/// </summary>
public sealed class TestPostgres : IAsyncDisposable
{
    private const string Variable = "SQUAD_TEST_POSTGRES";

    private TestPostgres(string connectionString, string database)
    {
        ConnectionString = connectionString;
        Database = database;
    }

    /// <summary>The server's connection string, or <see langword="null"/> when none is configured.</summary>
    public static string? ServerConnectionString
        => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    /// <summary>Why a test that needs PostgreSQL cannot run here, or <see langword="null"/> when it can (or must: CI).</summary>
    public static string? SkipReason
        => ServerConnectionString is null && !BubblewrapFactAttribute.InCi
            ? $"no PostgreSQL here: set {Variable} to a connection string (.ci/run starts one); CI=true makes this a failure"
            : null;

    /// <summary>The connection string of this test's own database.</summary>
    public string ConnectionString { get; }

    public string Database { get; }

    /// <summary>Creates an empty database for one test.</summary>
    public static async Task<TestPostgres> CreateAsync()
    {
        var server = ServerConnectionString
            ?? throw new InvalidOperationException($"{Variable} is not set: CI must start PostgreSQL (.ci/run) before the tests");
        // FILE_COPY copies the (empty) template's files instead of logging every page: far quicker for a throwaway database.
        var database = $"squad_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {database} STRATEGY = FILE_COPY;", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(server) { Database = database };
        return new TestPostgres(builder.ConnectionString, database);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Database} WITH (FORCE);", connection);
        await command.ExecuteNonQueryAsync();
    }
}
