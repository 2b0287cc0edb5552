using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;
using N = Squad.Core.Tools.NativeMethods;

namespace Squad.Core.Tools;

/// <summary>
/// Opens files of a work tree relative to a handle on its root, never through a symbolic link, <c>..</c> or a mount
/// point: openat2(2) with <c>RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS | RESOLVE_NO_XDEV</c>, so the
/// kernel checks the path as it resolves it and nothing can change between a check and the use. Where openat2 is
/// missing (Linux before 5.6, or a seccomp filter that refuses it) each component is opened with openat(2) and
/// <c>O_NOFOLLOW</c> relative to the previous one: as safe against links and races, but it does not refuse mount points.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed partial class LinuxFiles(bool useOpenat2)
{
    /// <summary>openat2 answers EAGAIN when a rename raced the resolution; it is asked again this many times.</summary>
    private const int MaxAttempts = 16;

    private const uint NewFileMode = 0b110_110_110;
    private const uint NewFolderMode = 0b111_111_111;
    private const uint PermissionBits = 0b111_111_111;

    private const int StatusMask = (int)(N.StatxType | N.StatxMode | N.StatxNlink | N.StatxSize);

    public static LinuxFiles Shared { get; } = new(Openat2Works());

    /// <summary>Opens a regular file of the tree for reading; refuses links, FIFOs, sockets, devices, folders, hard links.</summary>
    public SafeFileHandle OpenRead(string root, IReadOnlyList<string> segments, string shown, out FileStatus status)
    {
        if (segments.Count == 0)
        {
            throw FileRefusals.Folder(shown);
        }

        using var rootHandle = OpenRoot(root);
        return OpenRead(rootHandle, segments, shown, out status);
    }

    /// <summary>As <see cref="OpenRead(string, IReadOnlyList{string}, string, out FileStatus)"/>, from a root opened once (<see cref="OpenRootForReads"/>).</summary>
    public SafeFileHandle OpenRead(SafeFileHandle rootHandle, IReadOnlyList<string> segments, string shown, out FileStatus status)
    {
        if (segments.Count == 0)
        {
            throw FileRefusals.Folder(shown);
        }

        // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just after, on its type.
        var handle = Open(rootHandle, string.Join('/', segments), N.ORdOnly | N.ONoFollow | N.ONonBlock | N.ONoCtty, 0, shown);
        try
        {
            status = RegularStatus(handle, shown);
            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Checks that <paramref name="segments"/> name a real folder of the tree, reached through no link.</summary>
    public void EnsureFolder(string root, IReadOnlyList<string> segments, string shown)
    {
        using var rootHandle = OpenRoot(root);
        if (segments.Count > 0)
        {
            using var folder = OpenFolder(rootHandle, string.Join('/', segments), shown);
        }
    }

    /// <summary>
    /// Writes <paramref name="content"/> to a temporary file beside the target and renames it into place: a link put at the
    /// last component in the meantime is replaced, never followed. Missing parent folders are created one at a time.
    /// </summary>
    public void Write(string root, IReadOnlyList<string> segments, string shown, ReadOnlySpan<byte> content)
    {
        if (segments.Count == 0)
        {
            throw FileRefusals.Folder(shown);
        }

        using var parent = OpenParents(root, segments, shown);
        var leaf = segments[^1];
        var mode = ExistingMode(parent, leaf, shown);
        var temporary = $".squad-{Guid.NewGuid():N}.tmp";
        using (var file = Open(parent, temporary, N.OWrOnly | N.OCreat | N.OExcl | N.ONoFollow, mode ?? NewFileMode, shown))
        {
            try
            {
                RandomAccess.Write(file, content, 0);
                if (mode is { } existing)
                {
                    File.SetUnixFileMode(file, (UnixFileMode)existing);
                }
            }
            catch
            {
                _ = N.Unlinkat(Fd(parent), temporary, 0);
                throw;
            }
        }

        if (N.Renameat(Fd(parent), temporary, Fd(parent), leaf) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            _ = N.Unlinkat(Fd(parent), temporary, 0);
            throw errno == N.EIsDir || errno == N.ENotEmpty ? FileRefusals.Folder(shown) : Refusal(errno, shown);
        }
    }

    /// <summary>Whether folders can be listed through their handles (getdents64, glibc 2.30 on).</summary>
    public static bool CanListPinned { get; } = Getdents64Works();

    /// <summary>
    /// The regular files and real folders directly in a folder of the tree. The folder is opened like a file is and listed
    /// through its handle (/proc/self/fd), so a link swapped in for it meanwhile is never listed through.
    /// </summary>
    public List<(string Name, bool IsFolder)> ListFolder(string root, IReadOnlyList<string> segments, string shown)
    {
        using var rootHandle = OpenRoot(root);

        // Opened for reading its entries, by the same confined resolution as a file: no link, no "..", no mount crossed.
        using var folder = Open(rootHandle, segments.Count == 0 ? "." : string.Join('/', segments), N.ORdOnly | N.ODirectory, 0, shown, folder: true);
        var fd = Fd(folder);
        var entries = new List<(string Name, bool IsFolder)>();
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(32 * 1024);
        try
        {
            // getdents64 on the handle: the entries of the folder opened, with their types, one system call for many.
            while (true)
            {
                var filled = ReadEntries(fd, buffer);
                if (filled < 0)
                {
                    throw Refusal(Marshal.GetLastPInvokeError(), shown, folder: true);
                }

                if (filled == 0)
                {
                    return entries;
                }

                for (var offset = 0; offset < filled;)
                {
                    var length = BitConverter.ToUInt16(buffer, offset + 16);
                    var type = buffer[offset + 18];
                    var nameBytes = buffer.AsSpan(offset + 19, length - 19);
                    nameBytes = nameBytes[..nameBytes.IndexOf((byte)0)];
                    offset += length;
                    if (nameBytes.SequenceEqual("."u8) || nameBytes.SequenceEqual(".."u8))
                    {
                        continue;
                    }

                    var name = System.Text.Encoding.UTF8.GetString(nameBytes);

                    // A file system that does not give types (DT_UNKNOWN) is asked per entry; a link is never followed.
                    var kind = type switch
                    {
                        DirectoryEntryFolder => N.SIfDir,
                        DirectoryEntryFile => N.SIfReg,
                        DirectoryEntryUnknown => N.Statx(fd, name, N.AtSymlinkNoFollow, N.StatxType, out var status) == 0 ? status.Type : (ushort)0,
                        _ => (ushort)0,
                    };
                    if (kind is N.SIfReg or N.SIfDir)
                    {
                        entries.Add((name, kind == N.SIfDir));
                    }
                }
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private const byte DirectoryEntryUnknown = 0;
    private const byte DirectoryEntryFolder = 4;
    private const byte DirectoryEntryFile = 8;

    private static unsafe int ReadEntries(int fd, byte[] buffer)
    {
        fixed (byte* pointer = buffer)
        {
            return (int)N.Getdents64(fd, pointer, (nuint)buffer.Length);
        }
    }

    /// <summary>Whether the entry itself (a link is not followed) is a regular file; for listing, not for opening.</summary>
    public static bool IsRegularFile(string path)
        => N.Statx(N.AtFdCwd, path, N.AtSymlinkNoFollow, N.StatxType, out var status) == 0 && status.Type == N.SIfReg;

    private static unsafe bool Getdents64Works()
    {
        try
        {
            var fd = N.Openat(N.AtFdCwd, "/", N.ORdOnly | N.ODirectory | N.OCloExec, 0);
            if (fd < 0)
            {
                return false;
            }

            var buffer = stackalloc byte[1024];
            var filled = N.Getdents64(fd, buffer, 1024);
            _ = N.Close(fd);
            return filled > 0;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    private static bool Openat2Works()
    {
        var fd = N.Openat2(N.AtFdCwd, "/", N.OPath | N.OCloExec, 0, 0);
        if (fd < 0)
        {
            return false;
        }

        _ = N.Close(fd);
        return true;
    }

    private static int Fd(SafeFileHandle handle) => (int)handle.DangerousGetHandle();

    /// <summary>The tree's root, opened once for many reads (a search's).</summary>
    public static SafeFileHandle OpenRootForReads(string root) => OpenRoot(root);

    private static SafeFileHandle OpenRoot(string root)
    {
        // The root is the orchestrator's choice, not the agent's: it is opened as given.
        var fd = N.Openat(N.AtFdCwd, root, N.OPath | N.ODirectory | N.OCloExec, 0);
        return fd >= 0 ? new SafeFileHandle(fd, ownsHandle: true) : throw new ToolException($"the repository folder cannot be opened (error {Marshal.GetLastPInvokeError()})");
    }

    private SafeFileHandle OpenFolder(SafeFileHandle directory, string path, string shown)
        => Open(directory, path, N.OPath | N.ODirectory, 0, shown, folder: true);

    /// <summary>A real folder of the tree, reached through no link, for the files in it to be opened by their names (a search's).</summary>
    public SafeFileHandle OpenFolderForReads(SafeFileHandle rootHandle, IReadOnlyList<string> segments, string shown)
        => OpenFolder(rootHandle, string.Join('/', segments), shown);

    /// <summary>The folder that holds the last segment, created component by component where missing.</summary>
    private SafeFileHandle OpenParents(string root, IReadOnlyList<string> segments, string shown)
    {
        var current = OpenRoot(root);
        try
        {
            foreach (var segment in segments.Take(segments.Count - 1))
            {
                var (fd, errno) = TryOpen(current, segment, N.OPath | N.ODirectory, 0);
                if (fd < 0 && errno == N.ENoEnt && N.Mkdirat(Fd(current), segment, NewFolderMode) != 0)
                {
                    errno = Marshal.GetLastPInvokeError();
                    if (errno != N.EExist)
                    {
                        throw Refusal(errno, shown, folder: true);
                    }
                }

                // Opened again after mkdirat, with the same checks: whatever is there now must be a real folder.
                var next = fd >= 0 ? new SafeFileHandle(fd, ownsHandle: true) : OpenFolder(current, segment, shown);
                current.Dispose();
                current = next;
            }

            return current;
        }
        catch
        {
            current.Dispose();
            throw;
        }
    }

    /// <summary>The permissions of the file being replaced, or null when there is none; refuses anything but a regular file.</summary>
    private uint? ExistingMode(SafeFileHandle parent, string leaf, string shown)
    {
        var (fd, errno) = TryOpen(parent, leaf, N.OPath, 0);
        if (fd < 0)
        {
            return errno == N.ENoEnt ? null : throw Refusal(errno, shown);
        }

        using var existing = new SafeFileHandle(fd, ownsHandle: true);
        return RegularStatus(existing, shown).Mode & PermissionBits;
    }

    private SafeFileHandle Open(SafeFileHandle directory, string path, int flags, uint mode, string shown, bool folder = false)
    {
        var (fd, errno) = TryOpen(directory, path, flags, mode);
        return fd >= 0 ? new SafeFileHandle(fd, ownsHandle: true) : throw Refusal(errno, shown, folder);
    }

    /// <summary>A file descriptor, or -1 and the errno; O_CLOEXEC always, so no command the tools run inherits it.</summary>
    private (int Fd, int Errno) TryOpen(SafeFileHandle directory, string path, int flags, uint mode)
    {
        flags |= N.OCloExec;
        if (!useOpenat2)
        {
            return Walk(Fd(directory), path, flags, mode);
        }

        for (var attempt = 1; ; attempt++)
        {
            var fd = N.Openat2(Fd(directory), path, flags, mode, N.ResolveConfined);
            var errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
            if (fd >= 0 || errno != N.EAgain || attempt == MaxAttempts)
            {
                return (fd, errno);
            }
        }
    }

    /// <summary>Without openat2: each folder opened with O_NOFOLLOW relative to the one before, the last one too.</summary>
    private static (int Fd, int Errno) Walk(int directory, string path, int flags, uint mode)
    {
        var segments = path.Split('/');
        var current = directory;
        for (var i = 0; i < segments.Length; i++)
        {
            var last = i == segments.Length - 1;
            var fd = N.Openat(current, segments[i], last ? flags | N.ONoFollow : N.OPath | N.ODirectory | N.ONoFollow | N.OCloExec, mode);
            var errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
            if (current != directory)
            {
                _ = N.Close(current);
            }

            if (fd < 0 || last)
            {
                return (fd, errno);
            }

            current = fd;
        }

        return (-1, N.EInval);
    }

    private static FileStatus RegularStatus(SafeFileHandle handle, string shown)
    {
        if (N.Statx(Fd(handle), "", N.AtEmptyPath, (uint)StatusMask, out var status) != 0)
        {
            throw Refusal(Marshal.GetLastPInvokeError(), shown);
        }

        return status.Type switch
        {
            N.SIfReg when status.LinkCount > 1 => throw FileRefusals.HardLinked(shown, status.LinkCount),
            N.SIfReg => status,
            N.SIfDir => throw FileRefusals.Folder(shown),
            N.SIfLnk => throw FileRefusals.SymbolicLink(shown),
            N.SIfIfo => throw FileRefusals.NotAFile(shown, "a FIFO (named pipe)"),
            N.SIfSock => throw FileRefusals.NotAFile(shown, "a socket"),
            N.SIfChr or N.SIfBlk => throw FileRefusals.NotAFile(shown, "a device"),
            _ => throw FileRefusals.NotAFile(shown, "a special file"),
        };
    }

    private static ToolException Refusal(int errno, string shown, bool folder = false) => errno switch
    {
        N.ELoop => FileRefusals.SymbolicLink(shown),
        N.ENoEnt => folder ? FileRefusals.MissingFolder(shown) : FileRefusals.Missing(shown),
        N.ENotDir => FileRefusals.NotAFolder(shown),
        N.EIsDir => FileRefusals.Folder(shown),
        N.EXDev => FileRefusals.Mount(shown),
        N.ENxIo => FileRefusals.NotAFile(shown, "a socket, FIFO or device"),
        N.EAccess or N.EPerm => FileRefusals.Denied(shown),
        _ => FileRefusals.Failed(shown, errno),
    };
}
