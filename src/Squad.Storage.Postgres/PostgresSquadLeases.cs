using Npgsql;
using NpgsqlTypes;

namespace Squad.Storage.Postgres;

/// <summary>
/// One holder per squad in the whole cluster. A start of a squad takes the lease before it runs and renews it while it
/// runs; a second start (a second activation of the squad's grain, which Orleans can create after a node dies and its
/// part of the grain directory is lost) is refused while the lease is live. The lease passes on only when it expired,
/// when its silo is declared dead, or when its holder released it, and every hold gets a new fencing token, so the
/// squad's state writes of an older hold are refused (<see cref="IsHeldAsync"/>).
/// </summary>
public sealed class PostgresSquadLeases(string connectionString, TimeProvider timeProvider) : IDisposable
{
    private readonly PostgresDatabase database = new(connectionString, timeProvider);

    /// <summary>
    /// Takes <paramref name="squadKey"/>'s lease for <paramref name="holder"/> for <paramref name="ttl"/>: the new
    /// fencing token, or null while another holder's lease is live (not expired and its silo not in <paramref name="deadSilos"/>).
    /// </summary>
    public async Task<long?> TryAcquireAsync(
        string squadKey, SquadLeaseHolder holder, TimeSpan ttl, IReadOnlyCollection<string> deadSilos, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(squadKey);
        ArgumentNullException.ThrowIfNull(holder);
        ArgumentNullException.ThrowIfNull(deadSilos);
        var tokens = await database.QueryAsync(
            """
            INSERT INTO squad_leases AS l (squad_key, holder, silo, token, expires_at)
            VALUES (@key, @holder, @silo, 1, now() + @ttl)
            ON CONFLICT (squad_key) DO UPDATE
                SET holder = excluded.holder, silo = excluded.silo, token = l.token + 1, expires_at = excluded.expires_at
                WHERE l.expires_at < now() OR l.silo = ANY (@dead)
            RETURNING token;
            """,
            command =>
            {
                BindHolder(command, squadKey, holder.Holder);
                command.Parameters.AddWithValue("silo", holder.Silo);
                command.Parameters.AddWithValue("ttl", NpgsqlDbType.Interval, ttl);
                command.Parameters.AddWithValue("dead", NpgsqlDbType.Array | NpgsqlDbType.Text, deadSilos.ToArray());
            },
            reader => reader.GetInt64(0),
            cancellationToken);
        return tokens.Count == 0 ? null : tokens[0];
    }

    /// <summary>Extends the hold <paramref name="token"/> by <paramref name="ttl"/> from now; false when it was lost.</summary>
    public async Task<bool> RenewAsync(string squadKey, string holder, long token, TimeSpan ttl, CancellationToken cancellationToken = default)
        => await database.ExecuteNonQueryAsync(
            "UPDATE squad_leases SET expires_at = now() + @ttl WHERE squad_key = @key AND holder = @holder AND token = @token AND expires_at > now();",
            command =>
            {
                BindHold(command, squadKey, holder, token);
                command.Parameters.AddWithValue("ttl", NpgsqlDbType.Interval, ttl);
            },
            cancellationToken) == 1;

    /// <summary>Whether the hold <paramref name="token"/> is still the squad's live lease: the fence before a state write.</summary>
    public async Task<bool> IsHeldAsync(string squadKey, string holder, long token, CancellationToken cancellationToken = default)
    {
        var rows = await database.QueryAsync(
            "SELECT 1 FROM squad_leases WHERE squad_key = @key AND holder = @holder AND token = @token AND expires_at > now();",
            command => BindHold(command, squadKey, holder, token),
            reader => reader.GetInt32(0),
            cancellationToken);
        return rows.Count == 1;
    }

    /// <summary>Gives the hold up, so the next start need not wait for it to expire; a lost hold releases nothing.</summary>
    public Task ReleaseAsync(string squadKey, string holder, long token, CancellationToken cancellationToken = default)
        => database.ExecuteNonQueryAsync(
            "DELETE FROM squad_leases WHERE squad_key = @key AND holder = @holder AND token = @token;",
            command => BindHold(command, squadKey, holder, token),
            cancellationToken);

    /// <summary>The squad's lease as stored, or null when nobody holds it.</summary>
    public async Task<SquadLeaseRow?> ReadAsync(string squadKey, CancellationToken cancellationToken = default)
    {
        var rows = await database.QueryAsync(
            "SELECT holder, silo, token, expires_at FROM squad_leases WHERE squad_key = @key;",
            command => command.Parameters.AddWithValue("key", squadKey),
            reader => new SquadLeaseRow(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetFieldValue<DateTimeOffset>(3)),
            cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    public void Dispose() => database.Dispose();

    private static void BindHolder(NpgsqlCommand command, string squadKey, string holder)
    {
        command.Parameters.AddWithValue("key", squadKey);
        command.Parameters.AddWithValue("holder", holder);
    }

    private static void BindHold(NpgsqlCommand command, string squadKey, string holder, long token)
    {
        BindHolder(command, squadKey, holder);
        command.Parameters.AddWithValue("token", token);
    }
}
