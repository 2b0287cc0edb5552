namespace Squad.Core.Tools;

/// <summary>
/// The files of a work tree an agent may see: regular files only (no symbolic link, FIFO, socket or device), no
/// <c>.git</c>, no build output, and no descent into a linked folder.
/// </summary>
public static class RepositoryFiles
{
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal) { ".git", "bin", "obj", "node_modules", ".vs", "TestResults" };

    /// <summary>Whether a file or folder of this name is left out of what agents see (git's folder, build outputs).</summary>
    public static bool IsSkipped(string name) => Skipped.Contains(name);

    /// <summary>Relative paths with forward slashes, sorted, under <paramref name="folder"/> (default the root).</summary>
    /// <remarks>
    /// Each folder is listed through <see cref="SafeFiles.ListFolder"/>, the way the file tools open files; a file listed
    /// can still be replaced afterwards, and the tools refuse it then if it is no longer a regular file of the tree.
    /// </remarks>
    public static IEnumerable<string> Enumerate(string root, string? folder = null)
    {
        var fullRoot = Path.GetFullPath(root);
        var start = Path.GetRelativePath(fullRoot, Path.GetFullPath(folder ?? root)).Replace('\\', '/');
        var pending = new Stack<string>([start == "." ? "" : start]);
        var results = new List<string>();
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            foreach (var (name, isFolder) in SafeFiles.ListFolder(root, current))
            {
                // A worktree's .git is a file pointing at the clone: not the repository's content either.
                if (Skipped.Contains(name))
                {
                    continue;
                }

                var relative = current.Length == 0 ? name : $"{current}/{name}";
                if (isFolder)
                {
                    pending.Push(relative);
                }
                else
                {
                    results.Add(relative);
                }
            }
        }

        return results.Order(StringComparer.Ordinal);
    }
}
