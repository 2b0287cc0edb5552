using System.Collections.Concurrent;

namespace Squad.Core.Git;

/// <summary>
/// Answers <c>git rev-parse --verify REF^{commit}</c> from git's own files, without a git process, where they answer it
/// exactly: <c>HEAD</c> and names under <c>refs/heads/</c>, <c>refs/remotes/</c> and <c>refs/tags/</c>, read as git's
/// files backend reads them (the loose ref, else <c>packed-refs</c>; a symbolic ref followed), when the object they name
/// is one git already answered as a commit in this process (<see cref="NoteCommit"/>). Anything else (another name, a
/// ref that is missing, odd or symbolic to elsewhere, a tag object, an unknown object, a repository with the reftable
/// backend) is no answer, and git is asked. A squad asks for the same base and branch tips a few dozen times; each was a
/// process of about 2 ms on the two cores the squads share.
/// </summary>
/// <remarks>
/// An object id names the same object in every repository for ever, so "is a commit" is kept for the process. The files
/// read are the ones git reads for the same question (an agent that could write them would change git's answer alike).
/// One difference is left on purpose: a ref to a known commit whose object this repository lost (a corrupt clone) is
/// answered here where git would fail; the next git command on it fails instead.
/// </remarks>
internal static class LocalRefs
{
    private const int MaxCommits = 100_000;
    private const int MaxSymbolicDepth = 5;
    private const long MaxPackedRefs = 256 * 1024;
    private static readonly ConcurrentDictionary<string, byte> Commits = new(StringComparer.Ordinal);

    /// <summary>Notes that git answered <paramref name="objectId"/> as a commit (the output of a <c>^{commit}</c> peel).</summary>
    public static void NoteCommit(string objectId)
    {
        if (!GitCli.IsObjectId(objectId))
        {
            return;
        }

        if (Commits.Count >= MaxCommits)
        {
            Commits.Clear();
        }

        Commits.TryAdd(objectId, 0);
    }

    /// <summary>The commit <paramref name="revision"/> names in the repository at <paramref name="workingDirectory"/>, or null when git must be asked.</summary>
    public static string? TryCommit(string workingDirectory, string revision)
        => ObjectId(workingDirectory, revision) is { } id && Commits.ContainsKey(id) ? id : null;

    /// <summary>The object id <paramref name="revision"/> names as git's files say it, or null when they do not answer it plainly.</summary>
    internal static string? ObjectId(string workingDirectory, string revision)
    {
        if (!IsPlainName(revision) || Directories(workingDirectory) is not var (gitDirectory, commonDirectory))
        {
            return null;
        }

        try
        {
            var name = revision;
            for (var depth = 0; depth <= MaxSymbolicDepth; depth++)
            {
                // HEAD is the work tree's own; branches, remote branches and tags are shared by every work tree of the clone.
                var loose = ReadLoose(name == "HEAD" ? gitDirectory : commonDirectory, name);
                switch (loose)
                {
                    case null when name == "HEAD":
                        return null;
                    case null:
                        return Packed(commonDirectory, name);
                    case var _ when loose.StartsWith("ref: ", StringComparison.Ordinal):
                        name = loose["ref: ".Length..];
                        if (name == "HEAD" || !IsPlainName(name))
                        {
                            return null;
                        }

                        continue;
                    default:
                        return GitCli.IsObjectId(loose) ? loose : null;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file being replaced or unreadable: git answers.
        }

        return null;
    }

    /// <summary>
    /// <c>HEAD</c>, or a full name under <c>refs/heads/</c>, <c>refs/remotes/</c> or <c>refs/tags/</c> made of plain
    /// components (no revision syntax, nothing git reads as anything but the ref of that name).
    /// </summary>
    private static bool IsPlainName(string name)
    {
        if (name == "HEAD")
        {
            return true;
        }

        if (!(name.StartsWith("refs/heads/", StringComparison.Ordinal) || name.StartsWith("refs/remotes/", StringComparison.Ordinal)
                || name.StartsWith("refs/tags/", StringComparison.Ordinal))
            || name.EndsWith(".lock", StringComparison.Ordinal) || name.Length > 1024)
        {
            return false;
        }

        foreach (var component in name.Split('/'))
        {
            if (component.Length == 0 || component[0] == '.' || component[^1] == '.' || component.Contains("..", StringComparison.Ordinal))
            {
                return false;
            }

            foreach (var c in component)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '+'))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// The git directory and the common directory git finds for <paramref name="workingDirectory"/> itself: its <c>.git</c>
    /// folder, the one its <c>.git</c> file names (a work tree), or the folder as a bare repository. Null when it is none
    /// of those (git would look further up), or when refs are not in files (the reftable backend).
    /// </summary>
    private static (string Git, string Common)? Directories(string workingDirectory)
    {
        try
        {
            var dotGit = Path.Combine(workingDirectory, ".git");
            string gitDirectory;
            if (Directory.Exists(dotGit))
            {
                gitDirectory = dotGit;
            }
            else if (File.Exists(dotGit))
            {
                var text = File.ReadAllText(dotGit);
                if (!text.StartsWith("gitdir: ", StringComparison.Ordinal))
                {
                    return null;
                }

                gitDirectory = Path.GetFullPath(text["gitdir: ".Length..].TrimEnd('\n', '\r'), workingDirectory);
            }
            else if (File.Exists(Path.Combine(workingDirectory, "HEAD")) && Directory.Exists(Path.Combine(workingDirectory, "objects"))
                     && Directory.Exists(Path.Combine(workingDirectory, "refs")))
            {
                gitDirectory = workingDirectory;
            }
            else
            {
                return null;
            }

            var commonFile = Path.Combine(gitDirectory, "commondir");
            var commonDirectory = File.Exists(commonFile)
                ? Path.GetFullPath(File.ReadAllText(commonFile).TrimEnd('\n', '\r'), gitDirectory)
                : gitDirectory;
            if (!File.Exists(Path.Combine(gitDirectory, "HEAD")) || Directory.Exists(Path.Combine(commonDirectory, "reftable")))
            {
                return null;
            }

            return (gitDirectory, commonDirectory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The loose ref's one line (git writes it whole by renaming a lock file), or null when there is none.</summary>
    private static string? ReadLoose(string directory, string name)
    {
        var path = Path.Combine(directory, name);
        string text;
        try
        {
            if (new FileInfo(path).LinkTarget is not null)
            {
                return ""; // a link git may read as a symbolic ref by its target's name: git's to judge
            }

            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (UnauthorizedAccessException) when (Directory.Exists(path))
        {
            return null;
        }

        // One line and its newline; anything else is for git to judge.
        return text.Length > 1 && text[^1] == '\n' && text.IndexOf('\n') == text.Length - 1 && !text.Contains('\r', StringComparison.Ordinal)
            ? text[..^1]
            : "";
    }

    /// <summary>The id <c>packed-refs</c> gives <paramref name="name"/>, or null when it has none (or no such file).</summary>
    private static string? Packed(string commonDirectory, string name)
    {
        string[] lines;
        try
        {
            var file = new FileInfo(Path.Combine(commonDirectory, "packed-refs"));
            if (file.Exists && file.Length > MaxPackedRefs)
            {
                return null; // git searches a large file in place (sorted, mapped); reading it whole here would cost more
            }

            lines = File.ReadAllLines(file.FullName);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        foreach (var line in lines)
        {
            // "<id> <name>"; "^<id>" peels the tag above it; "# pack-refs with: ..." heads the file.
            var space = line.IndexOf(' ');
            if (space > 0 && line[0] != '#' && line[0] != '^' && line.AsSpan(space + 1).SequenceEqual(name))
            {
                var id = line[..space];
                return GitCli.IsObjectId(id) ? id : null;
            }
        }

        return null;
    }
}
