using Microsoft.Data.Sqlite;
using Squad.Core.Verification;

namespace Squad.Storage;

/// <summary>The Healer's attempts per cause, in the data directory's state database (table <c>healer_attempts</c>).</summary>
public sealed class SqliteHealerLedger : IHealerLedger, IDisposable
{
    private const string Columns = "repository, signature, attempts, last_attempt_at, last_issue, last_commit, summary";

    private readonly SqliteDatabase database;

    public SqliteHealerLedger(string databasePath, TimeProvider timeProvider) => database = new SqliteDatabase(databasePath, timeProvider);

    public async Task<HealerRecord?> GetAsync(string repository, string signature, CancellationToken cancellationToken = default)
    {
        var rows = await database.QueryAsync(
            $"SELECT {Columns} FROM healer_attempts WHERE repository = $repository AND signature = $signature;",
            command =>
            {
                command.Bind("$repository", repository);
                command.Bind("$signature", signature);
            },
            Read,
            cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    public Task SaveAsync(HealerRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return database.ExecuteAsync(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"""
                    INSERT INTO healer_attempts ({Columns})
                    VALUES ($repository, $signature, $attempts, $last_attempt_at, $last_issue, $last_commit, $summary)
                    ON CONFLICT (repository, signature) DO UPDATE SET attempts = excluded.attempts, last_attempt_at = excluded.last_attempt_at,
                        last_issue = excluded.last_issue, last_commit = excluded.last_commit, summary = excluded.summary;
                    """;
                command.Bind("$repository", record.Repository);
                command.Bind("$signature", record.Signature);
                command.Bind("$attempts", record.Attempts);
                command.Bind("$last_attempt_at", SqliteValues.FromTime(record.LastAttemptAt));
                command.Bind("$last_issue", record.LastIssue);
                command.Bind("$last_commit", record.LastCommit);
                command.Bind("$summary", record.Summary);
                await command.ExecuteNonQueryAsync(token);
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<HealerRecord>> ListAsync(CancellationToken cancellationToken = default)
        => database.QueryAsync($"SELECT {Columns} FROM healer_attempts ORDER BY last_attempt_at DESC;", _ => { }, Read, cancellationToken);

    public void Dispose() => database.Dispose();

    private static HealerRecord Read(SqliteDataReader reader) => new()
    {
        Repository = reader.GetString(0),
        Signature = reader.GetString(1),
        Attempts = reader.GetInt32(2),
        LastAttemptAt = SqliteValues.ToTime(reader.GetString(3)),
        LastIssue = reader.GetString(4),
        LastCommit = reader.GetString(5),
        Summary = reader.GetString(6),
    };
}
