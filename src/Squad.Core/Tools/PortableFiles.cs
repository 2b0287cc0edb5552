using Microsoft.Win32.SafeHandles;

namespace Squad.Core.Tools;

/// <summary>
/// The file tools' access where <see cref="LinuxFiles"/> cannot run (not Linux). Weaker, and documented as such: paths
/// are checked by strings and symbolic-link resolution (<see cref="WorkspacePaths.Resolve"/>) and then opened by name,
/// so a link swapped in between the check and the open is followed; a link at the last component is refused, but a FIFO
/// cannot be told from a file before opening it, and hard links are not detected. A file replaced keeps its permissions.
/// </summary>
internal static class PortableFiles
{
    public static SafeFileHandle OpenRead(string root, string relativePath, out long length)
    {
        var path = Existing(root, relativePath);
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        length = RandomAccess.GetLength(handle);
        return handle;
    }

    public static void EnsureFolder(string root, string relativePath)
    {
        var path = WorkspacePaths.Resolve(root, relativePath);
        if (!Directory.Exists(path))
        {
            throw FileRefusals.MissingFolder(relativePath);
        }
    }

    public static void Write(string root, string relativePath, ReadOnlySpan<byte> content)
    {
        var path = WorkspacePaths.Resolve(root, relativePath);
        RefuseLink(path, relativePath);
        if (Directory.Exists(path))
        {
            throw FileRefusals.Folder(relativePath);
        }

        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".squad-{Guid.NewGuid():N}.tmp");
        try
        {
            using (var handle = File.OpenHandle(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                RandomAccess.Write(handle, content, 0);
                if (!OperatingSystem.IsWindows() && File.Exists(path))
                {
                    File.SetUnixFileMode(handle, File.GetUnixFileMode(path));
                }
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Listed by path: a folder swapped for a link meanwhile is listed through it (names only; reads are checked).</summary>
    public static List<(string Name, bool IsFolder)> ListFolder(string root, IReadOnlyList<string> segments)
    {
        var folder = new DirectoryInfo(Path.Combine([Path.GetFullPath(root), .. segments]));
        return [.. folder.GetFileSystemInfos("*", SafeFiles.AllEntries)
            .Where(e => !e.Attributes.HasFlag(FileAttributes.ReparsePoint) && (e is DirectoryInfo || SafeFiles.IsRegularFile(e.FullName)))
            .Select(e => (e.Name, e is DirectoryInfo))];
    }

    public static bool IsRegularFile(string path)
    {
        var info = new FileInfo(path);
        return info.Exists && info.LinkTarget is null;
    }

    public static void Delete(string root, string relativePath) => File.Delete(Existing(root, relativePath));

    public static void Move(string root, string from, string to)
    {
        var source = Existing(root, from);
        var destination = WorkspacePaths.Resolve(root, to);
        RefuseLink(destination, to);
        if (File.Exists(destination) || Directory.Exists(destination))
        {
            throw new ToolException($"'{to}' already exists: move_file never replaces a file");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        File.Move(source, destination);
    }

    private static string Existing(string root, string relativePath)
    {
        var path = WorkspacePaths.Resolve(root, relativePath);
        RefuseLink(path, relativePath);
        return Directory.Exists(path) ? throw FileRefusals.Folder(relativePath)
            : File.Exists(path) ? path
            : throw FileRefusals.Missing(relativePath);
    }

    private static void RefuseLink(string path, string relativePath)
    {
        if (new FileInfo(path).LinkTarget is not null)
        {
            throw FileRefusals.SymbolicLink(relativePath);
        }
    }
}
