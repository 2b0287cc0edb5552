using Microsoft.Data.Sqlite;
using Squad.Core.Orchestration;

namespace Squad.Storage;

/// <summary>Guardrail results recorded from pristine copies, in the data directory's state database (table <c>guardrail_results</c>).</summary>
public sealed class SqliteGuardrailRecords : IGuardrailRecordStore, IDisposable
{
    private readonly SqliteDatabase database;

    public SqliteGuardrailRecords(string databasePath, TimeProvider timeProvider) => database = new SqliteDatabase(databasePath, timeProvider);

    public async Task<GuardrailRecord?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        var rows = await database.QueryAsync(
            "SELECT key, kind, payload, recorded_at FROM guardrail_results WHERE key = $key;",
            command => command.Bind("$key", key),
            Read,
            cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>A newer record of a key replaces the older one (one older than <see cref="GuardrailResults.MaxAge"/> is run again and stored anew).</summary>
    public Task SaveAsync(GuardrailRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return database.ExecuteAsync(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = """
                    INSERT INTO guardrail_results (key, kind, payload, recorded_at) VALUES ($key, $kind, $payload, $recorded_at)
                    ON CONFLICT (key) DO UPDATE SET kind = excluded.kind, payload = excluded.payload, recorded_at = excluded.recorded_at
                    WHERE excluded.recorded_at > guardrail_results.recorded_at;
                    """;
                command.Bind("$key", record.Key);
                command.Bind("$kind", Kind(record.Kind));
                command.Bind("$payload", record.Payload);
                command.Bind("$recorded_at", SqliteValues.FromTime(record.RecordedAt));
                await command.ExecuteNonQueryAsync(token);
            },
            cancellationToken);
    }

    public void Dispose() => database.Dispose();

    private static string Kind(GuardrailRecordKind kind) => kind == GuardrailRecordKind.Run ? "run" : "step";

    /// <summary>A row of an unknown kind reads as no record: it is run again.</summary>
    private static GuardrailRecord? Read(SqliteDataReader reader) => reader.GetString(1) switch
    {
        "run" or "step" => new GuardrailRecord
        {
            Key = reader.GetString(0),
            Kind = reader.GetString(1) == "run" ? GuardrailRecordKind.Run : GuardrailRecordKind.Step,
            Payload = reader.GetString(2),
            RecordedAt = SqliteValues.ToTime(reader.GetString(3)),
        },
        _ => null,
    };
}
