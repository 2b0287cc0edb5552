using System.Globalization;
using Squad.Core;

namespace Squad.Cli;

/// <summary>
/// One writer per data directory: <c>squad.lock</c> opened with <see cref="FileShare.None"/> for the life of a command
/// that writes there (run, fix, demo, sweep, serve). On Linux .NET takes an exclusive <c>flock</c> on it, which the
/// kernel releases when the process dies, so a lock left by a crashed holder is simply taken over.
/// </summary>
/// <remarks>
/// The holder writes its pid, command and start time into <c>squad.lock</c> (for <c>cat</c>) and into
/// <c>squad.lock.holder</c>: .NET opens a file for reading with a shared <c>flock</c>, which the holder's exclusive one
/// refuses, so another Squad process can only name the holder from a file nobody locks.
/// </remarks>
internal sealed class DataDirectoryLock : IDisposable
{
    public const string FileName = "squad.lock";
    public const string HolderFileName = "squad.lock.holder";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);
    private readonly FileStream stream;
    private readonly string holderPath;

    private DataDirectoryLock(FileStream stream, string holderPath)
    {
        this.stream = stream;
        this.holderPath = holderPath;
    }

    /// <summary>
    /// Takes the lock of <paramref name="dataDirectory"/> (creating the folder, and nothing else, first). Held by another
    /// process, it fails at once with <see cref="SquadErrorCode.DataDirectoryLocked"/>, or with <paramref name="wait"/>
    /// says so on <paramref name="error"/> and polls until the holder finishes or <paramref name="cancellationToken"/> stops it.
    /// </summary>
    /// <param name="dataDirectory">The data directory, a full path.</param>
    /// <param name="command">What holds the lock, as the other process will show it: <c>squad run</c>.</param>
    /// <param name="wait">Wait for the holder instead of failing.</param>
    /// <param name="time">The clock of the start time written for others, and of the polling.</param>
    /// <param name="error">Where waiting is announced.</param>
    /// <param name="cancellationToken">Stops the waiting (Ctrl+C).</param>
    /// <exception cref="SquadException">Held by another process and not waiting; or the lock file cannot be opened.</exception>
    public static async Task<DataDirectoryLock> AcquireAsync(
        string dataDirectory, string command, bool wait, TimeProvider time, TextWriter error, CancellationToken cancellationToken = default)
    {
        var announced = false;
        while (true)
        {
            if (TryAcquire(dataDirectory, command, time) is { } held)
            {
                return held;
            }

            var holder = DescribeHolder(dataDirectory);
            if (!wait)
            {
                throw new SquadException(SquadErrorCode.DataDirectoryLocked,
                    $"the data directory {dataDirectory} is in use by {holder}: wait for it to finish, or pass --wait");
            }

            if (!announced)
            {
                await error.WriteLineAsync($"waiting: the data directory {dataDirectory} is in use by {holder}; Ctrl+C stops waiting");
                announced = true;
            }

            await Task.Delay(PollInterval, time, cancellationToken);
        }
    }

    /// <summary>The lock, or null when another process holds it.</summary>
    /// <exception cref="SquadException">The lock file cannot be created or opened for another reason than being held.</exception>
    public static DataDirectoryLock? TryAcquire(string dataDirectory, string command, TimeProvider time)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex) when (IsHeldElsewhere(ex))
        {
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SquadException(SquadErrorCode.Storage, $"cannot open the lock file {path}: {ex.Message}", ex);
        }

        var holder = string.Create(CultureInfo.InvariantCulture,
            $"pid: {Environment.ProcessId}\ncommand: {command}\nsince: {time.GetUtcNow().UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}\n");
        var holderPath = Path.Combine(dataDirectory, HolderFileName);
        using (var writer = new StreamWriter(stream, leaveOpen: true))
        {
            stream.SetLength(0);
            writer.Write(holder);
        }

        stream.Flush(flushToDisk: true);

        // Written aside and renamed, so a reader sees the whole of one holder or none.
        File.WriteAllText(holderPath + ".tmp", holder);
        File.Move(holderPath + ".tmp", holderPath, overwrite: true);
        return new DataDirectoryLock(stream, holderPath);
    }

    /// <summary>The holder, from its own account: <c>pid 123 (squad run, since 2026-12-04T05:10:00Z)</c>.</summary>
    public static string DescribeHolder(string dataDirectory)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(Path.Combine(dataDirectory, HolderFileName));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "another process";
        }

        string? Field(string name) => lines.Select(l => l.Split(": ", 2)).FirstOrDefault(p => p.Length == 2 && p[0] == name)?[1];
        return (Field("pid"), Field("command"), Field("since")) is ({ } pid, { } command, { } since)
            ? $"pid {pid} ({command}, since {since})"
            : "another process";
    }

    public void Dispose()
    {
        // The account goes before the lock, so it never erases the next holder's; squad.lock itself stays: deleting a
        // locked file would let a waiter lock the old file while a newcomer locks a new one.
        File.Delete(holderPath);
        stream.Dispose();
    }

    /// <summary>EWOULDBLOCK from <c>flock</c> (11 on Linux, 35 on macOS), or ERROR_SHARING_VIOLATION on Windows.</summary>
    private static bool IsHeldElsewhere(IOException ex)
        => ex.HResult is 11 or 35 || (ex.HResult & 0xFFFF) == 32;
}
