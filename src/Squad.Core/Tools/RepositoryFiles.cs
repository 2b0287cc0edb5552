namespace Squad.Core.Tools;

/// <summary>The files of a work tree an agent may see: no <c>.git</c>, no build output.</summary>
public static class RepositoryFiles
{
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal) { ".git", "bin", "obj", "node_modules", ".vs", "TestResults" };

    /// <summary>Relative paths with forward slashes, sorted, under <paramref name="folder"/> (default the root).</summary>
    public static IEnumerable<string> Enumerate(string root, string? folder = null)
    {
        var fullRoot = Path.GetFullPath(root);
        var pending = new Stack<string>([Path.GetFullPath(folder ?? root)]);
        var results = new List<string>();
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            foreach (var file in Directory.EnumerateFiles(current))
            {
                // A worktree's .git is a file pointing at the clone: not the repository's content.
                if (!Skipped.Contains(Path.GetFileName(file)))
                {
                    results.Add(Path.GetRelativePath(fullRoot, file).Replace('\\', '/'));
                }
            }

            foreach (var directory in Directory.EnumerateDirectories(current))
            {
                var info = new DirectoryInfo(directory);
                if (!Skipped.Contains(info.Name) && info.LinkTarget is null)
                {
                    pending.Push(directory);
                }
            }
        }

        return results.Order(StringComparer.Ordinal);
    }
}
