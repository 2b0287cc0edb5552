namespace Squad.Storage.Postgres;

/// <summary>
/// Which occurrences of the cluster's sweeps have fired: a sweep's reminder may tick on any node, twice (re-delivered
/// after a node dies) or on two nodes at once, and only the one that claims the occurrence here runs the sweep.
/// </summary>
public sealed class PostgresSweepLedger(string connectionString, TimeProvider timeProvider) : IDisposable
{
    private readonly PostgresDatabase database = new(connectionString, timeProvider);

    /// <summary>
    /// Records that <paramref name="node"/> fires <paramref name="sweep"/>'s <paramref name="occurrence"/>: true for the
    /// one caller that recorded it, false for every other (that occurrence already fired, here or on another node).
    /// </summary>
    public async Task<bool> TryClaimAsync(string sweep, DateTimeOffset occurrence, string node, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sweep);
        ArgumentException.ThrowIfNullOrWhiteSpace(node);
        var inserted = await database.ExecuteNonQueryAsync(
            "INSERT INTO sweep_occurrences (sweep, occurrence, node, fired_at) VALUES (@sweep, @occurrence, @node, @fired_at) ON CONFLICT (sweep, occurrence) DO NOTHING;",
            command =>
            {
                PostgresRows.Bind(command, "sweep", sweep);
                PostgresRows.Bind(command, "occurrence", SqliteValues.FromTime(occurrence.ToUniversalTime()));
                PostgresRows.Bind(command, "node", node);
                PostgresRows.Bind(command, "fired_at", SqliteValues.FromTime(timeProvider.GetUtcNow()));
            },
            cancellationToken);
        return inserted == 1;
    }

    /// <summary>The latest occurrence of <paramref name="sweep"/> that fired, or null if none has.</summary>
    public async Task<DateTimeOffset?> LastFiredAsync(string sweep, CancellationToken cancellationToken = default)
    {
        var rows = await database.QueryAsync(
            "SELECT occurrence FROM sweep_occurrences WHERE sweep = @sweep ORDER BY occurrence DESC LIMIT 1;",
            command => PostgresRows.Bind(command, "sweep", sweep),
            reader => SqliteValues.ToTime(reader.GetString(0)),
            cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    public void Dispose() => database.Dispose();
}
