using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using N = Squad.Core.Tools.NativeMethods;

namespace Squad.Core.Orchestration;

/// <summary>
/// A folder in memory (a tmpfs, <c>/dev/shm</c>) for the squads' work trees and throwaway copies, used while it has room.
/// Writing a checkout there costs about a third of the CPU it costs on a disk file system, and removing one is nearly
/// free; nothing in these trees outlives the run that needs it (a work tree is rebuilt from the pushed branch on every
/// resume, a copy from its commit), so losing them to a reboot loses nothing.
/// </summary>
/// <remarks>
/// One folder per data directory, <c>squad-UID-HASH</c> (HASH: the data directory's path), made private (mode 0700,
/// owned by this user) and checked before every use: a folder another user made at that name, a link, or anything but a
/// private folder of this user makes Squad keep its trees on disk. Its <c>data-dir</c> file names the data directory, so
/// a folder whose data directory is gone (deleted, or a test's) is removed by the next Squad that opens its own.
/// </remarks>
public sealed class WorktreeMemory
{
    /// <summary>What stays free in memory: a tree goes to disk when writing it would leave less.</summary>
    public const long DefaultReserve = 4L << 30;

    private readonly Func<long> available;
    private readonly long reserve;

    public WorktreeMemory(string directory, Func<long> available, long reserve = DefaultReserve)
    {
        Directory = directory;
        this.available = available;
        this.reserve = reserve;
    }

    private WorktreeMemory(string directory)
        : this(directory, () => 0)
    {
        TakesTrees = false;
    }

    /// <summary>False for the folder an earlier run left while trees now go to disk: it is only cleared.</summary>
    public bool TakesTrees { get; } = true;

    /// <summary>The folder the trees go in, laid out as the data directory's <c>worktrees</c>.</summary>
    public string Directory { get; }

    /// <summary>Whether a tree of about <paramref name="bytes"/> (files and what its commands write) fits and leaves the reserve free.</summary>
    public bool HasRoomFor(long bytes) => available() - bytes >= reserve;

    /// <summary>The environment variable that chooses: <c>auto</c> (the default: in memory while there is room) or <c>disk</c>.</summary>
    public const string Setting = "SQUAD_WORKTREES";

    /// <summary>
    /// The memory folder of <paramref name="dataDirectory"/>, made if missing; null, with the reason, when the trees stay
    /// on disk: <paramref name="setting"/> says <c>disk</c>, the machine has no tmpfs at <paramref name="shm"/>, or the
    /// folder there is not a private folder of this user.
    /// </summary>
    public static WorktreeMemory? Open(string dataDirectory, string? setting, out string reason, string shm = "/dev/shm")
    {
        if (Usable(setting, shm, out reason) is not { } drive)
        {
            return OperatingSystem.IsLinux() ? Left(shm, dataDirectory) : null;
        }

        return OperatingSystem.IsLinux() ? OpenIn(shm, dataDirectory, () => SafeAvailable(drive), out reason) : null;
    }

    /// <summary>
    /// With trees on disk, the memory folder an earlier run of this data directory left (killed, or before
    /// <c>SQUAD_WORKTREES=disk</c>), as one with no room: nothing new goes there, and the sweeps clear what is there, which
    /// may hold a branch git would not check out twice.
    /// </summary>
    [SupportedOSPlatform("linux")]
    private static WorktreeMemory? Left(string shm, string dataDirectory)
    {
        var folder = FolderOf(shm, dataDirectory, N.Geteuid());
        var trees = Path.Combine(folder, "worktrees");
        return System.IO.Directory.Exists(trees) && PrivateFolderProblem(folder, N.Geteuid()) is null ? new WorktreeMemory(trees) : null;
    }

    /// <summary>Where trees would go, for <c>squad doctor</c>: nothing is made.</summary>
    public static string Describe(string? setting, string shm = "/dev/shm")
        => Usable(setting, shm, out var reason) is { } drive
            ? $"in memory ({shm}: {SafeAvailable(drive) / (1L << 30)} GiB free; a tree goes to disk when it would leave less than {DefaultReserve >> 30} GiB)"
            : reason;

    /// <summary>The tmpfs at <paramref name="shm"/> when the setting and the machine allow trees in memory; else null and why not.</summary>
    private static DriveInfo? Usable(string? setting, string shm, out string reason)
    {
        var choice = (setting ?? "").Trim().ToLowerInvariant();
        if (choice is not ("" or "auto" or "disk"))
        {
            throw new SquadException(SquadErrorCode.InvalidConfiguration, $"{Setting} is '{setting}': set it to auto (in memory while there is room) or disk");
        }

        if (choice == "disk")
        {
            reason = $"on disk ({Setting}=disk)";
            return null;
        }

        if (!OperatingSystem.IsLinux())
        {
            reason = "on disk (work trees go in memory on Linux only)";
            return null;
        }

        DriveInfo drive;
        try
        {
            drive = new DriveInfo(shm);
            if (!drive.IsReady || drive.DriveFormat != "tmpfs")
            {
                reason = $"on disk ({shm} is not a tmpfs)";
                return null;
            }
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException)
        {
            reason = $"on disk ({shm} cannot be used: {ex.Message})";
            return null;
        }

        reason = "";
        return drive;
    }

    /// <summary>As <see cref="Open"/> on a folder known to be in memory; for tests, any folder.</summary>
    [SupportedOSPlatform("linux")]
    internal static WorktreeMemory? OpenIn(string shm, string dataDirectory, Func<long> available, out string reason)
    {
        var user = N.Geteuid();
        var prefix = Prefix(user);
        var folder = FolderOf(shm, dataDirectory, user);
        try
        {
            if (!System.IO.Directory.Exists(folder))
            {
                System.IO.Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            if (PrivateFolderProblem(folder, user) is { } problem)
            {
                reason = $"on disk ({folder} {problem})";
                return null;
            }

            // Written aside and renamed into place: another Squad's sweep never reads a half-written path as one that is gone.
            var owner = Path.Combine(folder, "data-dir");
            if (!File.Exists(owner) || File.ReadAllText(owner) != Path.GetFullPath(dataDirectory))
            {
                var aside = $"{owner}.{Environment.ProcessId}.tmp";
                File.WriteAllText(aside, Path.GetFullPath(dataDirectory));
                File.Move(aside, owner, overwrite: true);
            }

            var trees = Path.Combine(folder, "worktrees");
            System.IO.Directory.CreateDirectory(trees);
            RemoveOrphans(shm, prefix, folder, user);
            reason = $"in memory ({trees})";
            return new WorktreeMemory(trees, available);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            reason = $"on disk ({folder} cannot be used: {ex.Message})";
            return null;
        }
    }

    /// <summary>Null when <paramref name="folder"/> is a real folder (not a link) of <paramref name="user"/> that no one else may enter.</summary>
    [SupportedOSPlatform("linux")]
    private static string? PrivateFolderProblem(string folder, uint user)
    {
        if (N.Statx(N.AtFdCwd, folder, N.AtSymlinkNoFollow, N.StatxType | N.StatxMode | N.StatxUid, out var status) != 0)
        {
            return "cannot be examined";
        }

        return status.Type != N.SIfDir ? "is not a folder"
            : status.Uid != user ? $"belongs to user {status.Uid}, not to {user}"
            : (status.Mode & 0b000_111_111) != 0 ? "may be entered by other users"
            : null;
    }

    /// <summary>Removes the memory folders of this user whose data directory no longer exists.</summary>
    [SupportedOSPlatform("linux")]
    private static void RemoveOrphans(string shm, string prefix, string own, uint user)
    {
        foreach (var folder in System.IO.Directory.EnumerateDirectories(shm, prefix + "*"))
        {
            if (folder == own || PrivateFolderProblem(folder, user) is not null)
            {
                continue;
            }

            var owner = Path.Combine(folder, "data-dir");
            try
            {
                if (File.Exists(owner) && File.ReadAllText(owner) is { Length: > 0 } data && !System.IO.Directory.Exists(data))
                {
                    FileTree.TryDelete(folder);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Another Squad's folder in use or going away: left for it.
            }
        }
    }

    private static long SafeAvailable(DriveInfo drive)
    {
        try
        {
            return drive.AvailableFreeSpace;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>Where the trees of <paramref name="dataDirectory"/> go in memory, whether or not they do.</summary>
    public static string TreesFolder(string dataDirectory, string shm = "/dev/shm")
        => Path.Combine(FolderOf(shm, dataDirectory, OperatingSystem.IsLinux() ? N.Geteuid() : 0), "worktrees");

    private static string Prefix(uint user) => $"squad-{user}-";

    private static string FolderOf(string shm, string dataDirectory, uint user)
        => Path.Combine(shm, Prefix(user) + Hash(Path.GetFullPath(dataDirectory)));

    private static string Hash(string path)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(path)))[..16];
}
