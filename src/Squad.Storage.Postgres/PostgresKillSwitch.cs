namespace Squad.Storage.Postgres;

/// <summary>
/// The kill switch of a cluster: one row in PostgreSQL that every node reads, so stopping merges on one node stops them
/// on all. Each worker mirrors it into its own kill-switch file, which the merge gate checks before every merge.
/// </summary>
public sealed class PostgresKillSwitch(string connectionString, TimeProvider timeProvider) : IDisposable
{
    private readonly PostgresDatabase database = new(connectionString, timeProvider);

    /// <summary>Why merges are stopped, or <see langword="null"/> when they are not.</summary>
    public async Task<string?> ReasonAsync(CancellationToken cancellationToken = default)
    {
        var rows = await database.QueryAsync("SELECT reason FROM kill_switch;", _ => { }, reader => reader.GetString(0), cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>Stops every merge in the cluster (again: the reason is replaced).</summary>
    public Task EngageAsync(string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return database.ExecuteNonQueryAsync(
            "INSERT INTO kill_switch (id, reason, set_at) VALUES (true, @reason, @set_at) ON CONFLICT (id) DO UPDATE SET reason = excluded.reason, set_at = excluded.set_at;",
            command =>
            {
                PostgresRows.Bind(command, "reason", reason);
                PostgresRows.Bind(command, "set_at", SqliteValues.FromTime(timeProvider.GetUtcNow()));
            },
            cancellationToken);
    }

    /// <summary>Lets merges go on.</summary>
    public Task ReleaseAsync(CancellationToken cancellationToken = default)
        => database.ExecuteNonQueryAsync("DELETE FROM kill_switch;", _ => { }, cancellationToken);

    public void Dispose() => database.Dispose();
}
