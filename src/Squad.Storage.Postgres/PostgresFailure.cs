using System.Net.Sockets;
using System.Text.Json;
using Npgsql;
using Squad.Core;

namespace Squad.Storage.Postgres;

/// <summary>Turns failures of the PostgreSQL state database into one-line <see cref="SquadException"/>s that name the server.</summary>
internal static class PostgresFailure
{
    /// <summary>Whether <paramref name="exception"/> is a failure of the server or the data rather than a bug or a cancellation.</summary>
    public static bool IsStorageFailure(Exception exception, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested
        && exception is NpgsqlException or JsonException or FormatException or SocketException or TimeoutException;

    public static SquadException ToSquadException(string name, Exception exception)
    {
        var problem = exception switch
        {
            PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification } =>
                "refused the credentials; check Username and Password",
            PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } =>
                "has no such database; create it first (createdb) or name another",
            PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation } =>
                "refused a row that names something it does not hold",
            PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege } =>
                "refused the user the right to do this; grant it, or use the owner of the database",
            NpgsqlException { InnerException: SocketException or TimeoutException } or SocketException or TimeoutException =>
                "cannot be reached; check that the server runs and the Host and Port",
            JsonException or FormatException =>
                "holds a value this version of Squad cannot read",
            _ => "failed",
        };
        return Create(name, $"{problem} ({FirstLine(exception.Message)})", exception);
    }

    /// <summary>A storage failure; <paramref name="problem"/> completes "The PostgreSQL state database NAME ...".</summary>
    public static SquadException Create(string name, string problem, Exception? innerException = null)
    {
        var message = $"The PostgreSQL state database {name} {problem}.".ReplaceLineEndings(" ");
        return innerException is null
            ? new SquadException(SquadErrorCode.Storage, message)
            : new SquadException(SquadErrorCode.Storage, message, innerException);
    }

    private static string FirstLine(string message)
    {
        var line = message.ReplaceLineEndings("\n").Split('\n')[0].TrimEnd('.');
        return line.Length > 200 ? line[..200] : line;
    }
}
