using Npgsql;
using Squad.Core;

namespace Squad.Storage.Postgres;

/// <summary>Reads a PostgreSQL connection string, refusing a malformed one with a line that says what to give.</summary>
public static class PostgresConnection
{
    /// <summary>What the error messages and logs show of a connection string: host:port/database, never the password.</summary>
    public static string Describe(string connectionString) => Describe(Parse(connectionString));

    /// <exception cref="SquadException">The string is empty or not a PostgreSQL connection string (<see cref="SquadErrorCode.InvalidInput"/>).</exception>
    internal static NpgsqlConnectionStringBuilder Parse(string connectionString)
    {
        const string Expected = "give one like 'Host=db.internal;Port=5432;Username=squad;Password=...;Database=squad'";
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new SquadException(SquadErrorCode.InvalidInput, $"the PostgreSQL connection string is empty: {Expected}");
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException exception)
        {
            // The message of the parser may quote the string, password included: say only what kind of problem it is.
            throw new SquadException(SquadErrorCode.InvalidInput, $"the PostgreSQL connection string cannot be read ({exception.GetType().Name}): {Expected}");
        }

        if (string.IsNullOrEmpty(builder.Host))
        {
            throw new SquadException(SquadErrorCode.InvalidInput, $"the PostgreSQL connection string names no Host: {Expected}");
        }

        return builder;
    }

    internal static string Describe(NpgsqlConnectionStringBuilder builder)
        => $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username ?? "postgres"}";
}
