using Squad.Core.Orchestration;

namespace Squad.Storage.Tests;

/// <summary>Guardrail results in a real SQLite file: read back by another connection, the newer record of a key kept.</summary>
public sealed class SqliteGuardrailRecordsTests : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("squad-guardrails-");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        folder.Delete(recursive: true);
    }

    private SqliteGuardrailRecords Open() => new(Path.Combine(folder.FullName, "squad.db"), TimeProvider.System);

    private static GuardrailRecord Record(string payload, DateTimeOffset at, GuardrailRecordKind kind = GuardrailRecordKind.Run)
        => new() { Key = new string('a', 64), Kind = kind, Payload = payload, RecordedAt = at };

    [Fact]
    public async Task Save_ThenAnotherProcessReads_GetsTheSameRecord()
    {
        using (var records = Open())
        {
            await records.SaveAsync(Record("{\"Failure\":null}", Noon, GuardrailRecordKind.Step));
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        using var reopened = Open();

        Assert.Equal(Record("{\"Failure\":null}", Noon, GuardrailRecordKind.Step), await reopened.GetAsync(new string('a', 64)));
        Assert.Null(await reopened.GetAsync(new string('b', 64)));
    }

    [Fact]
    public async Task Save_SameKey_KeepsTheNewerRecordWhicheverComesLast()
    {
        using var records = Open();

        await records.SaveAsync(Record("old", Noon));
        await records.SaveAsync(Record("new", Noon.AddHours(25)));
        await records.SaveAsync(Record("older", Noon.AddHours(-1)));

        Assert.Equal("new", (await records.GetAsync(new string('a', 64)))!.Payload);
    }
}
