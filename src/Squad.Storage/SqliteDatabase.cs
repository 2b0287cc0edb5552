using Microsoft.Data.Sqlite;

namespace Squad.Storage;

/// <summary>
/// One SQLite file: opens configured connections, brings the schema up to date on first use and maps
/// every failure to a <see cref="Core.SquadException"/> naming the file.
/// </summary>
internal sealed class SqliteDatabase : IDisposable
{
    private const string ConnectionPragmas = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;";

    private readonly SemaphoreSlim initializeLock = new(1, 1);
    private readonly string connectionString;
    private readonly TimeProvider timeProvider;
    private volatile bool initialized;
    private bool disposed;

    public SqliteDatabase(string path, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Path = System.IO.Path.GetFullPath(path);
        this.timeProvider = timeProvider;
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();
    }

    /// <summary>The full path of the database file.</summary>
    public string Path { get; }

    /// <summary>Runs <paramref name="operation"/> on a fresh connection; the one place SQLite failures are mapped.</summary>
    public async Task<T> ExecuteAsync<T>(
        Func<SqliteConnection, CancellationToken, Task<T>> operation,
        CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        try
        {
            await EnsureInitializedAsync(cancellationToken);
            await using var connection = await OpenAsync(cancellationToken);
            return await operation(connection, cancellationToken);
        }
        catch (Exception exception) when (SqliteFailure.IsStorageFailure(exception))
        {
            throw SqliteFailure.ToSquadException(Path, exception);
        }
    }

    public Task ExecuteAsync(
        Func<SqliteConnection, CancellationToken, Task> operation,
        CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            async (connection, token) =>
            {
                await operation(connection, token);
                return true;
            },
            cancellationToken);

    /// <summary>Runs one query and reads every row with <paramref name="read"/>.</summary>
    public Task<IReadOnlyList<T>> QueryAsync<T>(
        string sql,
        Action<SqliteCommand> bind,
        Func<SqliteDataReader, T> read,
        CancellationToken cancellationToken = default) =>
        ExecuteAsync<IReadOnlyList<T>>(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
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

    /// <summary>Releases the pooled connections to the file, so it can be moved or deleted.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        initializeLock.Dispose();
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private async Task EnsureInitializedAsync(CancellationToken cancellationToken)
    {
        if (initialized)
        {
            return;
        }

        // A failed initialization (a lock held too long, a file moved aside) is retried by the next call.
        await initializeLock.WaitAsync(cancellationToken);
        try
        {
            if (initialized)
            {
                return;
            }

            // SQLite would take an empty file for a new database and write a fresh schema into it: a state file that lost
            // its content (a crash of the file system, a copy gone wrong) must stop the run and be kept as it is.
            if (File.Exists(Path) && new FileInfo(Path).Length == 0)
            {
                throw new Core.SquadException(Core.SquadErrorCode.Storage,
                    $"the state database {Path} is empty (0 bytes), so Squad cannot tell what it already did: it was left as it is; restore it from a backup, or move it aside to start afresh");
            }

            var directory = System.IO.Path.GetDirectoryName(Path);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            await using var connection = await OpenAsync(cancellationToken);
            await SqliteSchema.MigrateAsync(connection, Path, timeProvider.GetUtcNow(), cancellationToken);
            initialized = true;
        }
        finally
        {
            initializeLock.Release();
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);

            // Per-connection settings: a pooled connection may be new, so they are set on every open.
            await using var command = connection.CreateCommand();
            command.CommandText = ConnectionPragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
