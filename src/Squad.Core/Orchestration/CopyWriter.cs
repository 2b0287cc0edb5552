using Squad.Core.Git;

namespace Squad.Core.Orchestration;

/// <summary>
/// Writes a pristine copy's files through a private index, with no work tree of git's and no hooks: the base revision's
/// files, the set-up on them, then only what the head changes (and what the set-up touched), so a copy costs one checkout.
/// </summary>
internal sealed class CopyWriter(GitCli git, string clone, string index, string path)
{
    private Dictionary<string, string> Environment => new() { ["GIT_INDEX_FILE"] = index, ["GIT_DIR"] = clone, ["GIT_WORK_TREE"] = path };

    /// <summary>The copy becomes <paramref name="head"/>, set up by <paramref name="prepare"/> on <paramref name="baseRevision"/>.</summary>
    public async Task WriteAsync(string baseRevision, string head, Func<string, Task>? prepare, CancellationToken cancellationToken)
    {
        await CheckoutAsync(baseRevision, cancellationToken);
        var touched = new List<string>();
        if (prepare is not null)
        {
            await prepare(path);

            // Tracked files the set-up changed or removed (a rewritten lock file) are written again from the head below:
            // the copy's tracked files are exactly the head's.
            var setUp = await git.RunAsync(path, ["diff-files", "--name-only", "-z"], extraEnvironment: Environment, cancellationToken: cancellationToken);
            touched.AddRange(setUp.Split('\0', StringSplitOptions.RemoveEmptyEntries).Select(f => "M\0" + f));
        }

        // Then only what differs: the paths the head removes or changes go (a file of the set-up is replaced, never
        // written through), and the head's version of every path it adds or changes is written.
        var changes = await git.RunAsync(clone, ["diff", "--no-ext-diff", "--name-status", "-z", "--no-renames", baseRevision, head], cancellationToken: cancellationToken);
        var fields = string.Join('\0', touched.Append(changes)).Split('\0', StringSplitOptions.RemoveEmptyEntries);
        var written = new HashSet<string>(StringComparer.Ordinal);
        var removed = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < fields.Length; i += 2)
        {
            var file = fields[i + 1];
            var full = Path.GetFullPath(Path.Combine(path, file));
            if (full.StartsWith(path + Path.DirectorySeparatorChar, StringComparison.Ordinal) && (File.Exists(full) || new FileInfo(full).LinkTarget is not null))
            {
                File.Delete(full);
            }

            (fields[i] == "D" ? removed : written).Add(file);
        }

        // A path the set-up touched that the head removes is not in the head's index: it stays removed.
        written.ExceptWith(removed);
        await git.RunAsync(path, ["read-tree", head], extraEnvironment: Environment, cancellationToken: cancellationToken);
        if (written.Count > 0)
        {
            await git.RunAsync(path, ["checkout-index", "-f", "-z", "--stdin"], string.Concat(written.Order(StringComparer.Ordinal).Select(f => f + "\0")), Environment, cancellationToken);
        }
    }

    /// <summary>Every file of <paramref name="revision"/>.</summary>
    private async Task CheckoutAsync(string revision, CancellationToken cancellationToken)
    {
        await git.RunAsync(path, ["read-tree", revision], extraEnvironment: Environment, cancellationToken: cancellationToken);
        await git.RunAsync(path, ["checkout-index", "-a", "-f", "-u"], extraEnvironment: Environment, cancellationToken: cancellationToken);
    }
}
