using System.Text.Json;
using Microsoft.Data.Sqlite;
using Squad.Core;
using static SQLitePCL.raw;

namespace Squad.Storage;

/// <summary>Turns failures of the state database into one-line <see cref="SquadException"/>s that name the file.</summary>
internal static class SqliteFailure
{
    /// <summary>Whether <paramref name="exception"/> is a failure of the file or its contents rather than a bug or a cancellation.</summary>
    public static bool IsStorageFailure(Exception exception) =>
        exception is SqliteException
            or JsonException
            or FormatException
            or IOException
            or UnauthorizedAccessException;

    public static SquadException ToSquadException(string path, Exception exception)
    {
        var problem = exception switch
        {
            SqliteException { SqliteErrorCode: SQLITE_NOTADB or SQLITE_CORRUPT } =>
                "is not a readable Squad database; move it aside to start afresh",
            SqliteException { SqliteErrorCode: SQLITE_BUSY or SQLITE_LOCKED } =>
                "stayed locked by another process; wait for it to finish, or stop it",
            SqliteException { SqliteErrorCode: SQLITE_CANTOPEN or SQLITE_READONLY or SQLITE_PERM }
                or IOException
                or UnauthorizedAccessException =>
                "cannot be opened for writing; check the path and its permissions",
            SqliteException { SqliteErrorCode: SQLITE_FULL } =>
                "cannot grow: the disk is full",
            JsonException or FormatException =>
                "holds a value this version of Squad cannot read",
            _ => "failed",
        };
        return Create(path, $"{problem} ({exception.Message.TrimEnd('.')})", exception);
    }

    /// <summary>A storage failure of the file at <paramref name="path"/>; <paramref name="problem"/> completes "The state database PATH ...".</summary>
    public static SquadException Create(string path, string problem, Exception? innerException = null)
    {
        var message = $"The state database {path} {problem}.".ReplaceLineEndings(" ");
        return innerException is null
            ? new SquadException(SquadErrorCode.Storage, message)
            : new SquadException(SquadErrorCode.Storage, message, innerException);
    }
}
