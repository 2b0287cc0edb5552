using Microsoft.Win32.SafeHandles;

namespace Squad.Core.Tools;

/// <summary>
/// The one way the file tools reach the files of a work tree. Agents, and the commands they cause to run, can put
/// symbolic links, hard links and FIFOs in the tree at any moment, so on Linux every open is relative to a handle on the
/// tree's root and checked by the kernel as it resolves (<see cref="LinuxFiles"/>); elsewhere the weaker string checks
/// of <see cref="PortableFiles"/> apply. Either way only regular files are read or written, and never past
/// <see cref="MaxFileBytes"/>.
/// </summary>
internal static class SafeFiles
{
    /// <summary>
    /// 1 MiB: the most a tool reads from one file, the most write_file or edit_file writes, and the largest file edit_file
    /// edits. Source files are far smaller; anything larger is data or generated, and would only flood the model's context.
    /// </summary>
    public const int MaxFileBytes = 1024 * 1024;

    /// <summary>How <see cref="MaxFileBytes"/> reads in messages.</summary>
    public const string MaxFileSize = "1 MiB";

    /// <summary>At most <paramref name="limit"/> bytes from the start of a regular file of the tree.</summary>
    public static async Task<FileBytes> ReadAsync(string root, string relativePath, int limit = MaxFileBytes, CancellationToken cancellationToken = default)
    {
        var segments = WorkspacePaths.Segments(relativePath);
        using var handle = OpenRead(root, relativePath, segments, out var length);
        var buffer = new byte[(int)Math.Min(limit, length)];
        var read = 0;
        while (read < buffer.Length)
        {
            var count = await RandomAccess.ReadAsync(handle, buffer.AsMemory(read), read, cancellationToken);
            if (count == 0)
            {
                break;
            }

            read += count;
        }

        // A file that shrank while read is as long as what was read.
        return new FileBytes { Bytes = read == buffer.Length ? buffer : buffer[..read], Length = read < buffer.Length ? read : length };
    }

    /// <summary>
    /// As <see cref="ReadAsync"/>, read on the calling thread: for a search that reads thousands of small files, where a
    /// thread-pool hop per read costs more than the read.
    /// </summary>
    public static FileBytes Read(string root, string relativePath, int limit = MaxFileBytes)
    {
        var segments = WorkspacePaths.Segments(relativePath);
        using var handle = OpenRead(root, relativePath, segments, out var length);
        var buffer = new byte[(int)Math.Min(limit, length)];
        var read = 0;
        while (read < buffer.Length)
        {
            var count = RandomAccess.Read(handle, buffer.AsSpan(read), read);
            if (count == 0)
            {
                break;
            }

            read += count;
        }

        return new FileBytes { Bytes = read == buffer.Length ? buffer : buffer[..read], Length = read < buffer.Length ? read : length };
    }

    /// <summary>
    /// As <see cref="Read"/>, into <paramref name="reused"/> (replaced by a larger one when short, kept for the next read):
    /// the bytes read, first in it. For a search that reads thousands of files, without a new array for each.
    /// </summary>
    /// <param name="root">The tree.</param>
    /// <param name="relativePath">The file, from the root.</param>
    /// <param name="reused">The buffer.</param>
    /// <param name="rootHandle">The root opened once for a search's reads (<see cref="OpenRootForReads"/>); null where there is none.</param>
    /// <param name="limit">The most bytes read.</param>
    public static int ReadInto(string root, string relativePath, ref byte[] reused, SafeFileHandle? rootHandle, int limit = MaxFileBytes)
    {
        var segments = WorkspacePaths.Segments(relativePath);
        SafeFileHandle handle;
        long length;
        if (rootHandle is not null && OperatingSystem.IsLinux())
        {
            handle = LinuxFiles.Shared.OpenRead(rootHandle, segments, relativePath, out var status);
            length = (long)status.Size;
        }
        else
        {
            handle = OpenRead(root, relativePath, segments, out length);
        }

        using var opened = handle;
        var size = (int)Math.Min(limit, length);
        if (reused.Length < size)
        {
            reused = new byte[Math.Max(size, reused.Length * 2)];
        }

        var read = 0;
        while (read < size)
        {
            var count = RandomAccess.Read(handle, reused.AsSpan(read, size - read), read);
            if (count == 0)
            {
                break;
            }

            read += count;
        }

        return read;
    }

    /// <summary>Creates or replaces a regular file of the tree with <paramref name="content"/>, creating its folders.</summary>
    public static void Write(string root, string relativePath, ReadOnlySpan<byte> content)
    {
        var segments = WorkspacePaths.Segments(relativePath);
        if (OperatingSystem.IsLinux())
        {
            LinuxFiles.Shared.Write(root, segments, relativePath, content);
        }
        else
        {
            PortableFiles.Write(root, relativePath, content);
        }
    }

    /// <summary>Removes a regular file of the tree.</summary>
    public static void Delete(string root, string relativePath)
    {
        var segments = WorkspacePaths.Segments(relativePath);
        if (OperatingSystem.IsLinux())
        {
            LinuxFiles.Shared.Delete(root, segments, relativePath);
        }
        else
        {
            PortableFiles.Delete(root, relativePath);
        }
    }

    /// <summary>Renames a regular file of the tree to a path of the tree that holds nothing yet.</summary>
    public static void Move(string root, string from, string to)
    {
        var source = WorkspacePaths.Segments(from);
        var destination = WorkspacePaths.Segments(to);
        if (OperatingSystem.IsLinux())
        {
            LinuxFiles.Shared.Move(root, source, from, destination, to);
        }
        else
        {
            PortableFiles.Move(root, from, to);
        }
    }

    /// <summary>The full path of a real folder of the tree (no link on the way), for listing; refuses anything else.</summary>
    public static string ResolveFolder(string root, string relativePath)
    {
        var segments = WorkspacePaths.Segments(relativePath);
        if (OperatingSystem.IsLinux())
        {
            LinuxFiles.Shared.EnsureFolder(root, segments, relativePath);
        }
        else
        {
            PortableFiles.EnsureFolder(root, relativePath);
        }

        return Path.Combine([Path.GetFullPath(root), .. segments]);
    }

    /// <summary>Entries of every kind, hidden ones included: the default options would skip dot files.</summary>
    internal static readonly EnumerationOptions AllEntries = new() { AttributesToSkip = 0, IgnoreInaccessible = true, RecurseSubdirectories = false };

    /// <summary>
    /// The regular files and real folders directly in a folder of the tree; nothing when it is gone or no longer a real
    /// folder (commands change the tree while tools list it).
    /// </summary>
    public static IReadOnlyList<(string Name, bool IsFolder)> ListFolder(string root, string relativePath)
    {
        try
        {
            var segments = WorkspacePaths.Segments(relativePath);
            return OperatingSystem.IsLinux() && LinuxFiles.CanListPinned
                ? LinuxFiles.Shared.ListFolder(root, segments, relativePath)
                : PortableFiles.ListFolder(root, segments);
        }
        catch (Exception ex) when (ex is ToolException or DirectoryNotFoundException)
        {
            return [];
        }
    }

    /// <summary>Whether the entry at <paramref name="path"/> is itself a regular file (a link is not one).</summary>
    public static bool IsRegularFile(string path)
        => OperatingSystem.IsLinux() ? LinuxFiles.IsRegularFile(path) : PortableFiles.IsRegularFile(path);

    /// <summary>
    /// A folder of the tree opened for a search's reads of the files in it (Linux): <see cref="ReadInto(string, string, ref byte[], SafeFileHandle?, int)"/>
    /// with it and a file's name resolves one name, not the whole path from the root.
    /// </summary>
    internal static SafeFileHandle OpenFolderForReads(SafeFileHandle rootHandle, string relativeFolder)
        => OperatingSystem.IsLinux()
            ? LinuxFiles.Shared.OpenFolderForReads(rootHandle, WorkspacePaths.Segments(relativeFolder), relativeFolder)
            : throw new PlatformNotSupportedException("folders are opened through handles on Linux only");

    /// <summary>The tree's root opened once for a search's many reads, where files are opened through handles (Linux); else null.</summary>
    public static SafeFileHandle? OpenRootForReads(string root) => OperatingSystem.IsLinux() ? LinuxFiles.OpenRootForReads(root) : null;

    private static SafeFileHandle OpenRead(string root, string relativePath, IReadOnlyList<string> segments, out long length)
    {
        if (!OperatingSystem.IsLinux())
        {
            return PortableFiles.OpenRead(root, relativePath, out length);
        }

        var handle = LinuxFiles.Shared.OpenRead(root, segments, relativePath, out var status);
        length = (long)status.Size;
        return handle;
    }
}
