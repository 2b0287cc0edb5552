namespace Squad.Core.Tools;

/// <summary>
/// The files of a work tree an agent may see: regular files only (no symbolic link, FIFO, socket or device), no
/// <c>.git</c>, no build output, and no descent into a linked folder.
/// </summary>
public static class RepositoryFiles
{
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal) { ".git", "bin", "obj", "node_modules", ".vs", "TestResults" };

    /// <summary>Entries of every kind, hidden ones included: the default options would skip dot files.</summary>
    private static readonly EnumerationOptions AllEntries = new() { AttributesToSkip = 0, IgnoreInaccessible = true, RecurseSubdirectories = false };

    /// <summary>Relative paths with forward slashes, sorted, under <paramref name="folder"/> (default the root).</summary>
    /// <remarks>
    /// A listing by names, which the tree can change under it; the file tools open what it names through
    /// <see cref="SafeFiles"/>, which refuses whatever is no longer a regular file of the tree by then.
    /// </remarks>
    public static IEnumerable<string> Enumerate(string root, string? folder = null)
    {
        var fullRoot = Path.GetFullPath(root);
        var pending = new Stack<string>([Path.GetFullPath(folder ?? root)]);
        var results = new List<string>();
        while (pending.Count > 0)
        {
            foreach (var entry in Entries(pending.Pop()))
            {
                // Links are neither listed nor followed, whatever they point at.
                if (entry.Attributes.HasFlag(FileAttributes.ReparsePoint) || Skipped.Contains(entry.Name))
                {
                    continue;
                }

                if (entry is DirectoryInfo)
                {
                    pending.Push(entry.FullName);
                }
                else if (SafeFiles.IsRegularFile(entry.FullName))
                {
                    // A worktree's .git is a file pointing at the clone: skipped above, not the repository's content.
                    results.Add(Path.GetRelativePath(fullRoot, entry.FullName).Replace('\\', '/'));
                }
            }
        }

        return results.Order(StringComparer.Ordinal);
    }

    private static FileSystemInfo[] Entries(string folder)
    {
        try
        {
            return new DirectoryInfo(folder).GetFileSystemInfos("*", AllEntries);
        }
        catch (DirectoryNotFoundException)
        {
            // Removed (or replaced by a link) since it was listed: commands run in the tree concurrently.
            return [];
        }
    }
}
