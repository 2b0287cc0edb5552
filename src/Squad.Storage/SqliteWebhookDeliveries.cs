using Microsoft.Data.Sqlite;
using Squad.Core.Verification;

namespace Squad.Storage;

/// <summary>
/// The webhook deliveries <c>squad serve</c> accepted, in the data directory's state database (table
/// <c>webhook_deliveries</c>). Completed deliveries older than <see cref="Memory"/> are forgotten.
/// </summary>
public sealed class SqliteWebhookDeliveries : IWebhookDeliveries, IDisposable
{
    /// <summary>How long a completed delivery's id is kept; the Healer's cool-down per cause covers an older redelivery.</summary>
    public static readonly TimeSpan Memory = TimeSpan.FromDays(30);

    private const string Columns = "id, event, repository, received_at, outcome";

    private readonly SqliteDatabase database;
    private readonly TimeProvider time;

    public SqliteWebhookDeliveries(string databasePath, TimeProvider timeProvider)
    {
        database = new SqliteDatabase(databasePath, timeProvider);
        time = timeProvider;
    }

    public Task<bool> TryRecordAsync(WebhookDelivery delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return database.ExecuteAsync(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"""
                    DELETE FROM webhook_deliveries WHERE completed_at IS NOT NULL AND completed_at < $forget;
                    INSERT INTO webhook_deliveries ({Columns}, completed_at)
                    VALUES ($id, $event, $repository, $received_at, $outcome, $completed_at)
                    ON CONFLICT (id) DO NOTHING;
                    SELECT changes();
                    """;
                command.Bind("$forget", SqliteValues.FromTime(time.GetUtcNow() - Memory));
                command.Bind("$id", delivery.Id);
                command.Bind("$event", delivery.Event);
                command.Bind("$repository", delivery.Repository);
                command.Bind("$received_at", SqliteValues.FromTime(delivery.ReceivedAt));
                command.Bind("$outcome", delivery.Outcome);
                command.Bind("$completed_at", delivery.Outcome is null ? null : SqliteValues.FromTime(time.GetUtcNow()));
                return Convert.ToInt64(await command.ExecuteScalarAsync(token), System.Globalization.CultureInfo.InvariantCulture) == 1;
            },
            cancellationToken);
    }

    public Task CompleteAsync(string id, string outcome, CancellationToken cancellationToken = default)
        => database.ExecuteAsync(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "UPDATE webhook_deliveries SET outcome = $outcome, completed_at = $completed_at WHERE id = $id;";
                command.Bind("$id", id);
                command.Bind("$outcome", outcome);
                command.Bind("$completed_at", SqliteValues.FromTime(time.GetUtcNow()));
                await command.ExecuteNonQueryAsync(token);
            },
            cancellationToken);

    public Task<IReadOnlyList<WebhookDelivery>> ListPendingAsync(CancellationToken cancellationToken = default)
        => database.QueryAsync($"SELECT {Columns} FROM webhook_deliveries WHERE outcome IS NULL ORDER BY received_at, id;", _ => { }, Read, cancellationToken);

    public void Dispose() => database.Dispose();

    private static WebhookDelivery Read(SqliteDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Event = reader.GetString(1),
        Repository = SqliteValues.ToNullableString(reader, 2),
        ReceivedAt = SqliteValues.ToTime(reader.GetString(3)),
        Outcome = SqliteValues.ToNullableString(reader, 4),
    };
}
