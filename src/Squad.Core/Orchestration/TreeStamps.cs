using System.Runtime.Versioning;
using Squad.Core.Tools;
using N = Squad.Core.Tools.NativeMethods;

namespace Squad.Core.Orchestration;

/// <summary>
/// What one file (or link) of a tree was when Squad last wrote or checked it: enough to know, later, that nothing has
/// touched it since without reading it. The change time is the guard: the kernel sets it on every write, rename over,
/// chmod or link, and nothing in a sandbox can set it back (<see cref="TreeStamps.WaitPast"/> makes sure a later change
/// cannot share its clock tick); the inode, size and mode catch a file replaced by another.
/// </summary>
internal readonly record struct FileStamp(
    ushort Mode, uint Links, ulong Inode, ulong Size, long ChangedSeconds, uint ChangedNanoseconds, long ModifiedSeconds, uint ModifiedNanoseconds,
    uint Uid = 0, uint Gid = 0, ulong Device = 0)
{
    /// <summary>Not a hard link's other name: a file reachable by one path only, the one Squad wrote.</summary>
    public bool Single => Links == 1;
}

/// <summary>Every entry of a tree but its folders, by path from the root ('/' between names), and its folders, parents first.</summary>
internal sealed record TreeScan(Dictionary<string, FileStamp> Files, List<string> Folders);

/// <summary>
/// The stamps of a copy's tracked files, taken after Squad wrote them and before anything else ran there, with the
/// revision they hold. A spent copy can then be turned into another revision by rewriting only the files that differ
/// between the two revisions and those whose stamp changed, and deleting everything else (<see cref="CopyWriter"/>):
/// nothing a command did in the copy survives, without a checkout of every file.
/// </summary>
internal sealed class TreeStamps(string revision, Dictionary<string, FileStamp> files, bool copied = false)
{
    /// <summary>Where stamps can be taken (Linux's statx); elsewhere copies are written whole every time.</summary>
    [SupportedOSPlatformGuard("linux")]
    public static bool Supported => OperatingSystem.IsLinux();

    /// <summary>The commit or tree the files hold.</summary>
    public string Revision { get; } = revision;

    public IReadOnlyDictionary<string, FileStamp> Files => files;

    /// <summary>
    /// The stamps of a template, for a copy of it made with <c>cp -a</c> just now: the copy's files are new (their inode
    /// and change time differ), so what is compared is what the copy kept of each file: its type and permissions, size and
    /// modification time (<see cref="Matches"/>).
    /// </summary>
    public bool Copied { get; } = copied;

    /// <summary>These stamps, for a copy of their tree made with <c>cp -a</c>.</summary>
    public TreeStamps ForCopy() => new(Revision, files, copied: true);

    /// <summary>Whether the file now stamped <paramref name="now"/> is, untouched, the one stamped <paramref name="was"/>.</summary>
    public bool Matches(FileStamp was, FileStamp now)
        => Copied
            ? was.Mode == now.Mode && was.Size == now.Size && was.ModifiedSeconds == now.ModifiedSeconds && was.ModifiedNanoseconds == now.ModifiedNanoseconds
            : was == now;

    /// <summary>
    /// Walks the tree at <paramref name="root"/> without following any link: a folder is entered only when it is a real
    /// folder. Only for a tree nothing else is changing (no command runs in it).
    /// </summary>
    [SupportedOSPlatform("linux")]
    public static TreeScan Scan(string root)
    {
        var files = new Dictionary<string, FileStamp>(StringComparer.Ordinal);
        var folders = new List<string>();
        var pending = new Stack<string>();
        Open(root, Stamp(N.AtFdCwd, root));
        pending.Push(root);
        while (pending.TryPop(out var folder))
        {
            // Each entry is stamped by its name in its folder, opened once: the kernel resolves one name, not the whole path.
            using var handle = FolderHandle(N.AtFdCwd, folder);
            var fd = (int)handle.DangerousGetHandle();
            foreach (var entry in Directory.EnumerateFileSystemEntries(folder))
            {
                var stamp = Stamp(fd, Path.GetFileName(entry), entry);
                var relative = entry[(root.Length + 1)..];
                if ((stamp.Mode & N.SIfMt) == N.SIfDir)
                {
                    Open(entry, stamp);
                    folders.Add(relative);
                    pending.Push(entry);
                }
                else
                {
                    files[relative] = stamp;
                }
            }
        }

        folders.Sort(StringComparer.Ordinal);
        return new TreeScan(files, folders);
    }

    /// <summary>A folder opened for names to be resolved in it (O_PATH), never through a link.</summary>
    [SupportedOSPlatform("linux")]
    private static Microsoft.Win32.SafeHandles.SafeFileHandle FolderHandle(int directory, string folder)
    {
        var fd = N.Openat(directory, folder, N.OPath | N.ODirectory | N.ONoFollow | N.OCloExec, 0);
        return fd >= 0
            ? new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: true)
            : throw new IOException($"open {folder}: errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");
    }

    /// <summary>The stamps of <paramref name="tracked"/> in <paramref name="scan"/>: what the copy holds of <paramref name="revision"/>.</summary>
    public static TreeStamps Of(string revision, TreeScan scan, IEnumerable<string> tracked)
    {
        var files = new Dictionary<string, FileStamp>(StringComparer.Ordinal);
        foreach (var path in tracked)
        {
            if (scan.Files.TryGetValue(path, out var stamp))
            {
                files[path] = stamp;
            }
        }

        return new TreeStamps(revision, files);
    }

    /// <summary>
    /// The stamps of <paramref name="tracked"/>: those in <paramref name="known"/> as given, every other taken now from
    /// <paramref name="root"/> (without following a link). For a copy whose known files nothing touched since they were stamped.
    /// </summary>
    [SupportedOSPlatform("linux")]
    public static TreeStamps Of(string revision, string root, IEnumerable<string> tracked, IReadOnlyDictionary<string, FileStamp> known)
    {
        var files = new Dictionary<string, FileStamp>(StringComparer.Ordinal);
        foreach (var path in tracked)
        {
            files[path] = known.TryGetValue(path, out var stamp) ? stamp : Stamp(N.AtFdCwd, Path.Combine(root, path));
        }

        return new TreeStamps(revision, files);
    }

    /// <summary>
    /// Returns once the kernel's file clock is past every change time in <paramref name="stamps"/>: a change made after
    /// this returns gets a later change time, whatever the clock's granularity (a tick is a few milliseconds).
    /// </summary>
    [SupportedOSPlatform("linux")]
    public static void WaitPast(IEnumerable<FileStamp> stamps)
    {
        var (seconds, nanoseconds) = (long.MinValue, 0u);
        foreach (var stamp in stamps)
        {
            if (stamp.ChangedSeconds > seconds || (stamp.ChangedSeconds == seconds && stamp.ChangedNanoseconds > nanoseconds))
            {
                (seconds, nanoseconds) = (stamp.ChangedSeconds, stamp.ChangedNanoseconds);
            }
        }

        for (var spins = 0; ; spins++)
        {
            if (N.ClockGettime(N.ClockRealtimeCoarse, out var now) != 0)
            {
                throw new IOException("clock_gettime failed: " + System.Runtime.InteropServices.Marshal.GetLastPInvokeError());
            }

            if (now.Seconds > seconds || (now.Seconds == seconds && now.Nanoseconds > nanoseconds))
            {
                return;
            }

            if (spins > 2_000)
            {
                throw new IOException("the file clock did not move past the copy's last change in two seconds: a file's change time is in the future");
            }

            Thread.Sleep(1);
        }
    }

    /// <summary>
    /// Sets the modification time of each of <paramref name="paths"/> (a link itself, never followed) to the start of the
    /// second before now, and returns their stamps after. A git index written from those stamps holds every file with a
    /// time before the index's own, so git trusts the files' status instead of reading each again: its racy-file rule
    /// rereads a file modified in the index's own second, which after a checkout is every file (without nanosecond times,
    /// as Debian builds git, the second is all it compares). A later write gives a file the current time, which differs.
    /// Only for a tree nothing else is changing, whose files Squad just wrote.
    /// </summary>
    [SupportedOSPlatform("linux")]
    public static Dictionary<string, FileStamp> Backdate(string root, IEnumerable<string> paths)
    {
        if (N.ClockGettime(N.ClockRealtimeCoarse, out var now) != 0)
        {
            throw new IOException("clock_gettime failed: " + System.Runtime.InteropServices.Marshal.GetLastPInvokeError());
        }

        var times = new Timespecs
        {
            Accessed = new Timespec { Nanoseconds = N.UtimeOmit },
            Modified = new Timespec { Seconds = now.Seconds - 1 },
        };
        var stamps = new Dictionary<string, FileStamp>(StringComparer.Ordinal);
        using var rootHandle = FolderHandle(N.AtFdCwd, root);
        Microsoft.Win32.SafeHandles.SafeFileHandle? folderHandle = null;
        string? openFolder = null;
        try
        {
            // Paths come sorted, a folder's files together: each folder is opened once, each file resolved by its name in it.
            foreach (var path in paths)
            {
                var slash = path.LastIndexOf('/');
                var folder = slash < 0 ? "" : path[..slash];
                if (folder != openFolder)
                {
                    folderHandle?.Dispose();
                    folderHandle = folder.Length == 0 ? null : FolderHandle((int)rootHandle.DangerousGetHandle(), folder);
                    openFolder = folder;
                }

                var fd = (int)(folderHandle ?? rootHandle).DangerousGetHandle();
                var name = path[(slash + 1)..];
                if (N.Utimensat(fd, name, in times, N.AtSymlinkNoFollow) != 0)
                {
                    throw new IOException($"utimensat {path}: errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");
                }

                stamps[path] = Stamp(fd, name, path);
            }
        }
        finally
        {
            folderHandle?.Dispose();
        }

        return stamps;
    }

    /// <summary>A folder a command closed to its owner (chmod 000) is opened again, so its entries can be read and deleted.</summary>
    [SupportedOSPlatform("linux")]
    private static void Open(string folder, FileStamp stamp)
    {
        const UnixFileMode owner = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        if (((UnixFileMode)(stamp.Mode & 0xFFF) & owner) != owner)
        {
            File.SetUnixFileMode(folder, (UnixFileMode)(stamp.Mode & 0xFFF) | owner);
        }
    }

    [SupportedOSPlatform("linux")]
    private static FileStamp Stamp(int directory, string path) => Stamp(directory, path, path);

    /// <summary>The stamp of <paramref name="name"/> in the folder open as <paramref name="directory"/> (<paramref name="path"/> names it in errors).</summary>
    [SupportedOSPlatform("linux")]
    private static FileStamp Stamp(int directory, string name, string path)
    {
        if (N.Statx(directory, name, N.AtSymlinkNoFollow, StampMask, out var status) != 0)
        {
            throw new IOException($"statx {path}: errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");
        }

        if ((status.Mask & StampMask) != StampMask)
        {
            // A file system that does not give every field (no inode or change time): nothing could be trusted unread.
            throw new IOException($"statx {path}: the file system does not report inode numbers and change times");
        }

        return Of(status);
    }

    [SupportedOSPlatform("linux")]
    private const uint StampMask = N.StatxType | N.StatxMode | N.StatxNlink | N.StatxUid | N.StatxGid | N.StatxIno | N.StatxSize | N.StatxCtime | N.StatxMtime;

    /// <summary>
    /// The stamp of <paramref name="name"/> (no '/' in it) in the folder open as <paramref name="directory"/>, a link itself
    /// and never followed; false when it cannot be taken whole. For a tree that commands may be changing.
    /// </summary>
    [SupportedOSPlatform("linux")]
    public static bool TryStamp(int directory, string name, out FileStamp stamp)
    {
        if (N.Statx(directory, name, N.AtSymlinkNoFollow, StampMask, out var status) != 0 || (status.Mask & StampMask) != StampMask)
        {
            stamp = default;
            return false;
        }

        stamp = Of(status);
        return true;
    }

    private static FileStamp Of(in FileStatus status)
    {
        // The device number as glibc's makedev composes it: what git keeps of stat's st_dev.
        var device = ((ulong)(status.DeviceMajor & 0xfff) << 8) | (status.DeviceMinor & 0xff)
            | ((ulong)(status.DeviceMinor & ~0xffu) << 12) | ((ulong)(status.DeviceMajor & ~0xfffu) << 32);
        return new FileStamp(status.Mode, status.LinkCount, status.Inode, status.Size,
            status.ChangedSeconds, status.ChangedNanoseconds, status.ModifiedSeconds, status.ModifiedNanoseconds, status.Uid, status.Gid, device);
    }
}
