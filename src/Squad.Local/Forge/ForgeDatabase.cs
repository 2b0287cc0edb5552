using Microsoft.Data.Sqlite;
using Squad.Core;

namespace Squad.Local.Forge;

/// <summary>
/// The forge's SQLite file: one pooled connection per operation (so squads never share one), WAL so
/// readers do not wait for writers, and one in-process gate so writers queue here instead of
/// spinning on SQLITE_BUSY. Every SQLite failure becomes a <see cref="SquadException"/> here, in one place.
/// </summary>
internal sealed class ForgeDatabase(string databasePath) : IDisposable
{
    private const int CurrentSchemaVersion = 1;

    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = databasePath,
        Mode = SqliteOpenMode.ReadWriteCreate,
        // Pooled: closing the last connection of a WAL file checkpoints it, which made every write cost fsyncs.
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private volatile bool _created;

    public string DatabasePath { get; } = databasePath;

    public async Task<T> ReadAsync<T>(Func<SqliteConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            return await read(connection);
        }
        catch (SqliteException ex)
        {
            throw StorageFailure(ex);
        }
    }

    /// <summary>Runs <paramref name="write"/> in an immediate transaction, so a read-then-insert inside it is atomic.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> write, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            // IMMEDIATE takes the write lock up front, which also serialises writers in other processes.
            await using var transaction = connection.BeginTransaction(deferred: false);
            var result = await write(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        catch (SqliteException ex)
        {
            throw StorageFailure(ex);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Releases the pooled connections too, so the forge folder can be deleted or moved afterwards.</summary>
    public void Dispose()
    {
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _writeGate.Dispose();
    }

    private async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (_created)
        {
            return;
        }

        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            if (!_created)
            {
                await CreateSchemaAsync(cancellationToken);
                _created = true;
            }
        }
        catch (SqliteException ex)
        {
            throw StorageFailure(ex);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task CreateSchemaAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(DatabasePath))!);
        await using var connection = await OpenAsync(cancellationToken);
        // WAL is a property of the file; setting it outside a transaction is required and idempotent.
        await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;", cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await ExecuteAsync(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY);", cancellationToken);
        await using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = "SELECT MAX(version) FROM schema_version;";
        var found = await select.ExecuteScalarAsync(cancellationToken);
        var version = found is long number ? (int)number : 0;
        if (version > CurrentSchemaVersion)
        {
            throw new SquadException(SquadErrorCode.Storage, $"the forge store {DatabasePath} has schema version {version}, newer than this Squad knows ({CurrentSchemaVersion}); upgrade Squad or use another forge folder");
        }

        if (version < 1)
        {
            await ExecuteAsync(connection, transaction, ForgeSchema.Version1, cancellationToken);
            await ExecuteAsync(connection, transaction, "INSERT INTO schema_version (version) VALUES (1);", cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            // busy_timeout makes SQLite itself wait for a writer of another process instead of failing at once.
            // synchronous NORMAL is WAL's usual pairing: never corrupt, though a power cut may lose the last commits,
            // which the forge survives (a merge already on the base branch is refused, not repeated).
            await ExecuteAsync(connection, null, "PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;", cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private SquadException StorageFailure(SqliteException ex)
        => new(SquadErrorCode.Storage, $"the forge store {DatabasePath} failed: {ex.Message}", ex);
}
