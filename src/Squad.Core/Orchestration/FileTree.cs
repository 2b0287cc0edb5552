namespace Squad.Core.Orchestration;

/// <summary>Deleting what Squad made under the data directory: a link is removed itself, never followed.</summary>
internal static class FileTree
{
    private const UnixFileMode OwnerAll = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>
    /// Deletes the folder, file or link at <paramref name="path"/>, if any. A folder a command closed to its owner
    /// (<c>chmod 000</c>, or no write or search bit) cannot be emptied by a user without root's rights, nor by <c>rm -rf</c>:
    /// when the first try fails, every folder under the path is opened to its owner again and the delete is tried once more.
    /// </summary>
    public static void Delete(string path)
    {
        try
        {
            DeleteOnce(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && !OperatingSystem.IsWindows() && OpenClosedFolders(path))
        {
            DeleteOnce(path);
        }
    }

    /// <summary>As <see cref="Delete"/>, but what cannot go now is left for the next attempt.</summary>
    public static void TryDelete(string path)
    {
        try
        {
            Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Creating a work tree or copy at this name deletes whatever is there first, and says so if it cannot.
        }
    }

    /// <summary>
    /// Gives the owner read, write and search on every folder under <paramref name="path"/> (itself included) that lacks
    /// any of them, walking real folders only (a link is never followed, nor its target changed); true when one was opened.
    /// Only for a tree nothing runs in any more, which Squad is about to delete.
    /// </summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    internal static bool OpenClosedFolders(string path)
    {
        if (new FileInfo(path).LinkTarget is not null || !Directory.Exists(path))
        {
            return false;
        }

        var opened = false;
        var options = new EnumerationOptions { AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true, RecurseSubdirectories = false };
        var pending = new Stack<DirectoryInfo>([new DirectoryInfo(path)]);
        while (pending.TryPop(out var folder))
        {
            try
            {
                if ((folder.UnixFileMode & OwnerAll) != OwnerAll)
                {
                    folder.UnixFileMode |= OwnerAll;
                    opened = true;
                }

                foreach (var child in folder.EnumerateDirectories("*", options))
                {
                    pending.Push(child);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Not ours to open (another owner's folder): the delete says what is left.
            }
        }

        return opened;
    }

    private static void DeleteOnce(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is null && Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
        else if (info.Exists || info.LinkTarget is not null)
        {
            File.Delete(path);
        }
    }
}
