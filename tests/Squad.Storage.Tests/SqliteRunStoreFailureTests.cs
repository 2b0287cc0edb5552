using Microsoft.Data.Sqlite;
using Squad.Core;
using Squad.Core.Orchestration;

namespace Squad.Storage.Tests;

public sealed class SqliteRunStoreFailureTests : IDisposable
{
    private readonly StoreFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    [Fact]
    public async Task ListRunsAsync_CorruptDatabaseFile_ThrowsStorageErrorNamingTheFile()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(fixture.DatabasePath)!);
        await File.WriteAllTextAsync(fixture.DatabasePath, string.Concat(Enumerable.Repeat("not a database. ", 512)));
        using var store = fixture.OpenStore();

        var error = await Assert.ThrowsAsync<SquadException>(() => store.ListRunsAsync());

        AssertStorageError(error);
        Assert.IsType<SqliteException>(error.InnerException);
    }

    [Fact]
    public async Task ListRunsAsync_EmptyDatabaseFile_ThrowsStorageErrorAndKeepsTheFileEmpty()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(fixture.DatabasePath)!);
        await File.WriteAllBytesAsync(fixture.DatabasePath, []);
        using var store = fixture.OpenStore();

        var error = await Assert.ThrowsAsync<SquadException>(() => store.ListRunsAsync());

        AssertStorageError(error);
        Assert.Contains("empty (0 bytes)", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, new FileInfo(fixture.DatabasePath).Length);
    }

    [Fact]
    public async Task CreateRunAsync_DatabaseFromNewerSquad_ThrowsStorageErrorNamingTheFile()
    {
        using (var current = fixture.OpenStore())
        {
            await current.ListRunsAsync();
        }

        await ExecuteAsync("INSERT INTO schema_version (version, applied_at) VALUES (99, '2030-01-01T00:00:00.0000000Z');");
        using var store = fixture.OpenStore();

        var error = await Assert.ThrowsAsync<SquadException>(() => store.CreateRunAsync(StoreRecords.NewRun()));

        AssertStorageError(error);
        Assert.Contains("99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteRunAsync_UnknownRun_ThrowsStorageError()
    {
        using var store = fixture.OpenStore();

        var error = await Assert.ThrowsAsync<SquadException>(() => store.CompleteRunAsync("run-404", RunStatus.Failed));

        AssertStorageError(error);
        Assert.Contains("run-404", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveSquadAsync_RunNotInStore_ThrowsStorageErrorAndSavesNothing()
    {
        using var store = fixture.OpenStore();

        var error = await Assert.ThrowsAsync<SquadException>(
            () => store.SaveSquadAsync(StoreRecords.Squad("run-404", "ABC-1")));

        AssertStorageError(error);
        Assert.Null(await store.GetSquadAsync(StoreRecords.MilestoneKey, "ABC-1"));
    }

    [Fact]
    public async Task FirstUse_MissingFolder_CreatesWalDatabaseAtTheLatestSchemaVersion()
    {
        using var store = fixture.OpenStore();

        await store.ListRunsAsync();

        Assert.True(File.Exists(fixture.DatabasePath));
        Assert.Equal(fixture.DatabasePath, store.DatabasePath);
        Assert.Equal("wal", await ScalarAsync("PRAGMA journal_mode;"));
        Assert.Equal(9L, await ScalarAsync("SELECT MAX(version) FROM schema_version;"));
        Assert.Equal(9L, await ScalarAsync("SELECT COUNT(*) FROM schema_version;"));
        Assert.Equal(
            "events,guardrail_results,healer_attempts,model_calls,runs,schema_version,squad_runs,squads,tool_calls,webhook_deliveries",
            await ScalarAsync("SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name);"));
    }

    [Fact]
    public async Task FirstUse_SecondStoreOnMigratedFile_DoesNotMigrateAgain()
    {
        using (var first = fixture.OpenStore())
        {
            await first.CreateRunAsync(StoreRecords.NewRun());
        }

        using var second = fixture.OpenStore();
        var runs = await second.ListRunsAsync();

        Assert.Single(runs);
        Assert.Equal(9L, await ScalarAsync("SELECT COUNT(*) FROM schema_version;"));
    }

    private void AssertStorageError(SquadException error)
    {
        Assert.Equal(SquadErrorCode.Storage, error.Code);
        Assert.Contains(fixture.DatabasePath, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={fixture.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private async Task ExecuteAsync(string sql) => await ScalarAsync(sql);
}
