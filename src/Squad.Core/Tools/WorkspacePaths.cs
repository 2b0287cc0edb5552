namespace Squad.Core.Tools;

/// <summary>
/// Confines file tools to the worktree: no absolute paths, no <c>..</c>, nothing under
/// <c>.git</c>, and no symbolic link anywhere on the way that leads out of the worktree.
/// </summary>
public static class WorkspacePaths
{
    private const int MaxLinkDepth = 40;

    /// <summary>The full path for <paramref name="relativePath"/>, or a <see cref="ToolException"/> saying why not.</summary>
    /// <remarks>
    /// A check by strings and symbolic-link resolution, racy by nature (the tree can change between this check and
    /// the use of the path): the file tools open through <see cref="SafeFiles"/>, which does not depend on it on Linux.
    /// </remarks>
    public static string Resolve(string root, string relativePath)
    {
        var segments = Segments(relativePath);
        if (segments.Count == 0)
        {
            return Path.GetFullPath(root);
        }

        var fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var requested = Path.Combine([fullRoot, .. segments]);
        var realRoot = RealPath(fullRoot);
        var real = RealPath(requested);
        var inside = real == realRoot || real.StartsWith(realRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        if (!inside || Path.GetRelativePath(realRoot, real).Split(Path.DirectorySeparatorChar).Any(IsGit))
        {
            throw new ToolException($"path '{relativePath}' goes through a symbolic link that leads out of the repository");
        }

        return requested;
    }

    /// <summary>
    /// The components of <paramref name="relativePath"/> without <c>.</c> and empty ones, or a <see cref="ToolException"/>
    /// when the path is absolute, holds <c>..</c> or a NUL, or goes into <c>.git</c> (in any case). No file system access.
    /// </summary>
    internal static IReadOnlyList<string> Segments(string relativePath)
    {
        if (string.IsNullOrWhiteSpace(relativePath) || relativePath is "." or "./")
        {
            return [];
        }

        if (relativePath.Contains('\0', StringComparison.Ordinal))
        {
            throw new ToolException("the path contains a NUL character");
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

        if (segments.Any(IsGit))
        {
            throw new ToolException($"path '{relativePath}' is inside .git, which agents cannot touch");
        }

        return [.. segments.Where(s => s != ".")];
    }

    private static bool IsGit(string segment) => string.Equals(segment, ".git", StringComparison.OrdinalIgnoreCase);

    /// <summary>Where the path really leads: every symbolic link on the way resolved against its real parent.</summary>
    private static string RealPath(string path, int depth = 0)
    {
        if (depth > MaxLinkDepth)
        {
            throw new ToolException("too many levels of symbolic links");
        }

        var current = Path.GetPathRoot(path) ?? "/";
        foreach (var segment in path[current.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var next = Path.Combine(current, segment);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            current = info.LinkTarget is { } target
                ? RealPath(Path.GetFullPath(target, current), depth + 1)
                : next;
        }

        return current;
    }
}
