namespace Squad.Core.Tools;

/// <summary>
/// Confines file tools to the worktree: no absolute paths, no <c>..</c>, nothing under
/// <c>.git</c>, and no symbolic link anywhere on the way that leads out of the worktree.
/// </summary>
public static class WorkspacePaths
{
    /// <summary>The full path for <paramref name="relativePath"/>, or a <see cref="ToolException"/> saying why not.</summary>
    public static string Resolve(string root, string relativePath)
    {
        if (string.IsNullOrWhiteSpace(relativePath) || relativePath is "." or "./")
        {
            return Path.GetFullPath(root);
        }

        if (Path.IsPathRooted(relativePath) || relativePath.StartsWith('~'))
        {
            throw new ToolException($"path '{relativePath}' is absolute: use a path relative to the repository root");
        }

        var segments = relativePath.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Any(s => s == ".."))
        {
            throw new ToolException($"path '{relativePath}' leaves the repository ('..' is not allowed)");
        }

        if (segments.Any(s => string.Equals(s, ".git", StringComparison.OrdinalIgnoreCase)))
        {
            throw new ToolException($"path '{relativePath}' is inside .git, which agents cannot touch");
        }

        var fullRoot = Path.GetFullPath(root);
        var current = fullRoot;
        foreach (var segment in segments.Where(s => s != "."))
        {
            current = Path.Combine(current, segment);
            EnsureNotEscapingLink(fullRoot, current, relativePath);
        }

        return current;
    }

    private static void EnsureNotEscapingLink(string root, string path, string requested)
    {
        FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        if (info.LinkTarget is null)
        {
            return;
        }

        var target = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName
            ?? Path.GetFullPath(info.LinkTarget, Path.GetDirectoryName(path)!);
        var inside = target == root || target.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        var gitInside = target.Split(Path.DirectorySeparatorChar).Contains(".git");
        if (!inside || gitInside)
        {
            throw new ToolException($"path '{requested}' goes through a symbolic link that leads out of the repository");
        }
    }
}
