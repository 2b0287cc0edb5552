using System.Data.Common;
using Npgsql;

namespace Squad.Storage.Postgres;

/// <summary>
/// One PostgreSQL database: a pooled data source whose connections see Squad's schema first, the schema brought up to
/// date on first use, and every failure mapped to a one-line <see cref="Core.SquadException"/> naming the server.
/// </summary>
internal sealed class PostgresDatabase : IDisposable
{
    private readonly SemaphoreSlim initializeLock = new(1, 1);
    private readonly NpgsqlDataSource dataSource;
    private readonly TimeProvider timeProvider;
    private volatile bool initialized;
    private bool disposed;

    public PostgresDatabase(string connectionString, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        var builder = PostgresConnection.Parse(connectionString);
        Name = PostgresConnection.Describe(builder);
        builder.SearchPath = PostgresSchema.SchemaName;
        dataSource = NpgsqlDataSource.Create(builder);
        this.timeProvider = timeProvider;
    }

    /// <summary>host:port/database, never the password: what error messages name.</summary>
    public string Name { get; }

    /// <summary>Runs <paramref name="operation"/> on a pooled connection; the one place PostgreSQL failures are mapped.</summary>
    public async Task<T> ExecuteAsync<T>(
        Func<NpgsqlConnection, CancellationToken, Task<T>> operation,
        CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        try
        {
            await EnsureInitializedAsync(cancellationToken);
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            return await operation(connection, cancellationToken);
        }
        catch (Exception exception) when (PostgresFailure.IsStorageFailure(exception, cancellationToken))
        {
            throw PostgresFailure.ToSquadException(Name, exception);
        }
    }

    public Task ExecuteAsync(
        Func<NpgsqlConnection, CancellationToken, Task> operation,
        CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            async (connection, token) =>
            {
                await operation(connection, token);
                return true;
            },
            cancellationToken);

    /// <summary>Runs one statement.</summary>
    public Task<int> ExecuteNonQueryAsync(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            async (connection, token) =>
            {
                await using var command = new NpgsqlCommand(sql, connection);
                bind(command);
                return await command.ExecuteNonQueryAsync(token);
            },
            cancellationToken);

    /// <summary>Runs one query and reads every row with <paramref name="read"/>.</summary>
    public Task<IReadOnlyList<T>> QueryAsync<T>(
        string sql,
        Action<NpgsqlCommand> bind,
        Func<DbDataReader, T> read,
        CancellationToken cancellationToken = default) =>
        ExecuteAsync<IReadOnlyList<T>>(
            async (connection, token) =>
            {
                await using var command = new NpgsqlCommand(sql, connection);
                bind(command);
                await using var reader = await command.ExecuteReaderAsync(token);
                var rows = new List<T>();
                while (await reader.ReadAsync(token))
                {
                    rows.Add(read(reader));
                }

                return rows;
            },
            cancellationToken);

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        initializeLock.Dispose();
        dataSource.Dispose();
    }

    private async Task EnsureInitializedAsync(CancellationToken cancellationToken)
    {
        if (initialized)
        {
            return;
        }

        // A failed initialization (the server not up yet) is retried by the next call.
        await initializeLock.WaitAsync(cancellationToken);
        try
        {
            if (!initialized)
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                await PostgresSchema.MigrateAsync(connection, Name, timeProvider.GetUtcNow(), cancellationToken);
                initialized = true;
            }
        }
        finally
        {
            initializeLock.Release();
        }
    }
}
