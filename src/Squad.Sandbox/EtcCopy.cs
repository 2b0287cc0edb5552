namespace Squad.Sandbox;

/// <summary>
/// One private copy, per process, of the few /etc entries a sandboxed command sees, bound read-only at /etc as a single
/// mount. bubblewrap reads the whole mount table again after every bind (to make each new mount's submounts read-only),
/// so twenty-odd binds of single files cost a command about 6 ms of wall time; one bind of a folder costs one read.
/// Only what every user of the host may read is copied (an entry without read permission for others, such as
/// /etc/ssl/private, stays out); a top-level link is followed, as a bind of it would be, and links inside are kept.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class EtcCopy
{
    private const string Prefix = "squad-etc-";

    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, string?> Copies = new(StringComparer.Ordinal);

    /// <summary>The copy of <paramref name="entries"/> (absolute /etc paths), made on first use; null when it cannot be made.</summary>
    public static string? For(IReadOnlyList<string> entries)
    {
        var key = string.Join('\n', entries);
        lock (Gate)
        {
            if (!Copies.TryGetValue(key, out var folder))
            {
                if (Copies.Count == 0)
                {
                    SweepLeftovers();
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteAll();
                }

                Copies[key] = folder = TryMake(entries);
            }

            return folder;
        }
    }

    private static string? TryMake(IReadOnlyList<string> entries)
    {
        DirectoryInfo? folder = null;
        try
        {
            // Mode 0700, under the orchestrator's TMPDIR: no command sees the host's /tmp, and no other user can enter;
            // a command runs as the orchestrator's own user, so it reads the copy at /etc.
            folder = Directory.CreateTempSubdirectory($"{Prefix}{Environment.ProcessId}-");
            foreach (var entry in entries)
            {
                var target = Path.Join(folder.FullName, Path.GetFileName(entry));
                if (Directory.Exists(entry))
                {
                    var source = new DirectoryInfo(entry);
                    CopyFolder(source.LinkTarget is null ? source : (DirectoryInfo)source.ResolveLinkTarget(returnFinalTarget: true)!, target);
                }
                else if (File.Exists(entry) && IsPublic(File.GetUnixFileMode(entry)))
                {
                    CopyFile(entry, target);
                }
            }

            return folder.FullName;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Every entry is then bound from /etc itself, as before.
            if (folder is not null)
            {
                TryDelete(folder.FullName);
            }

            return null;
        }
    }

    /// <summary>A folder reached through a link is copied as the folder; its own links are recreated, never followed.</summary>
    private static void CopyFolder(DirectoryInfo source, string target)
    {
        if (!IsPublic(source.UnixFileMode) || !source.UnixFileMode.HasFlag(UnixFileMode.OtherExecute))
        {
            return;
        }

        Directory.CreateDirectory(target);
        foreach (var item in source.EnumerateFileSystemInfos())
        {
            var path = Path.Join(target, item.Name);
            if (item.LinkTarget is { } link)
            {
                File.CreateSymbolicLink(path, link);
            }
            else if (item is DirectoryInfo folder)
            {
                CopyFolder(folder, path);
            }
            else if (item is FileInfo file && IsPublic(file.UnixFileMode))
            {
                CopyFile(file.FullName, path);
            }
        }

        // The orchestrator must be able to delete what it made.
        File.SetUnixFileMode(target, (source.UnixFileMode & Permissions) | UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static void CopyFile(string source, string target)
    {
        File.Copy(source, target);
        File.SetUnixFileMode(target, File.GetUnixFileMode(source) & Permissions);
    }

    /// <summary>Read and execute bits as the host has them, no set-id bits, and nobody but the owner may write.</summary>
    private const UnixFileMode Permissions = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private static bool IsPublic(UnixFileMode mode) => mode.HasFlag(UnixFileMode.OtherRead);

    /// <summary>Copies left by processes that are gone (killed before their exit handler ran).</summary>
    internal static void SweepLeftovers()
    {
        try
        {
            foreach (var folder in new DirectoryInfo(Path.GetTempPath()).EnumerateDirectories(Prefix + "*"))
            {
                var rest = folder.Name[Prefix.Length..];
                var dash = rest.IndexOf('-', StringComparison.Ordinal);
                if (folder.LinkTarget is null && dash > 0 && int.TryParse(rest[..dash], out var pid)
                    && pid != Environment.ProcessId && !Directory.Exists($"/proc/{pid}"))
                {
                    TryDelete(folder.FullName);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover stays for the next process to sweep.
        }
    }

    private static void DeleteAll()
    {
        lock (Gate)
        {
            foreach (var folder in Copies.Values.OfType<string>())
            {
                TryDelete(folder);
            }

            Copies.Clear();
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (new DirectoryInfo(path) is { Exists: true, LinkTarget: null })
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Swept by the next process.
        }
    }
}
