using Squad.Core.Git;
using Squad.Core.Tools;

namespace Squad.Core.Orchestration;

/// <summary>
/// Writes a pristine copy's files through a private index, with no work tree of git's and no hooks: the base revision's
/// files, the set-up on them, then only what the head changes (and what the set-up touched), so a copy costs one checkout.
/// A spent copy (<see cref="TreeStamps"/>) costs less: only the files that differ between what it held and the base, and
/// those anything touched since Squad wrote them, are written again; everything else in it is deleted first.
/// </summary>
/// <remarks>
/// With <paramref name="outputs"/>, a set-up with rules (<see cref="CopySetUp.Rules"/>) on a base tree already set up in
/// this run gets a copy of that set-up's outputs instead of running again; kept ones are written under
/// <paramref name="outputsFolder"/>.
/// </remarks>
internal sealed class CopyWriter(GitCli git, string clone, string index, string path, SetupOutputs? outputs = null, string? outputsFolder = null)
{
    private Dictionary<string, string> Environment => new() { ["GIT_INDEX_FILE"] = index, ["GIT_DIR"] = clone, ["GIT_WORK_TREE"] = path };

    /// <summary>
    /// The copy becomes <paramref name="head"/>, set up by <paramref name="prepare"/> on <paramref name="baseRevision"/>;
    /// from <paramref name="spent"/> (the stamps of what the folder held) when the folder is a spent copy. Returns the
    /// stamps of the head's files as written (null where stamps cannot be taken).
    /// </summary>
    public async Task<TreeStamps?> WriteAsync(string baseRevision, string head, CopySetUp? prepare, TreeStamps? spent, CancellationToken cancellationToken)
    {
        // The stamps of the files a turn kept, taken just before: still theirs while nothing runs in the copy (no set-up).
        Dictionary<string, FileStamp>? kept = null;
        if (spent is not null && TreeStamps.Supported && prepare is null)
        {
            // Nothing is set up on the base: the spent copy turns straight into the head (one diff, read-tree, listing and
            // checkout, not one of each for the base and again for the head), and the turn's listing gives the stamps.
            var turned = await TurnAsync(spent, head, cancellationToken);
            return await StampsAsync(head, turned.Kept, cancellationToken, turned.Listing);
        }

        if (spent is not null && TreeStamps.Supported)
        {
            kept = (await TurnAsync(spent, baseRevision, cancellationToken)).Kept;
        }
        else
        {
            await CheckoutAsync(baseRevision, cancellationToken);
        }

        if (prepare is not null)
        {
            kept = null;
        }

        var touched = new List<string>();
        if (prepare is not null)
        {
            touched.AddRange(await SetUpAsync(baseRevision, prepare, cancellationToken));
        }

        // Then only what differs: the paths the head removes or changes go (a file of the set-up is replaced, never
        // written through), and the head's version of every path it adds or changes is written. A copy of the base itself
        // with no set-up has nothing to add.
        if (baseRevision == head && prepare is null && TreeStamps.Supported)
        {
            return await StampsAsync(head, kept, cancellationToken);
        }

        var changes = await git.ReadRevisionsAsync(clone, ["diff", "--no-ext-diff", "--name-status", "-z", "--no-renames", baseRevision, head], [baseRevision, head], cancellationToken);
        var fields = string.Join('\0', touched.Select(f => "M\0" + f).Append(changes)).Split('\0', StringSplitOptions.RemoveEmptyEntries);
        var written = new HashSet<string>(StringComparer.Ordinal);
        var removed = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < fields.Length; i += 2)
        {
            var file = fields[i + 1];
            DeleteFile(file);
            (fields[i] == "D" ? removed : written).Add(file);
        }

        // A path the set-up touched that the head removes is not in the head's index: it stays removed. Folders its removals
        // leave empty go too, as a checkout of the head has none: the copy is the head's files and the set-up's outputs,
        // whatever base it was written from (results are keyed so, SetupOutputs.IdentityAsync).
        written.ExceptWith(removed);
        DeleteEmptyFolders(removed.Where(file => !written.Contains(file)));
        await git.RunAsync(path, ["read-tree", head], extraEnvironment: Environment, cancellationToken: cancellationToken);
        if (written.Count > 0)
        {
            await CheckoutPathsAsync(written, cancellationToken);
        }

        kept?.Keys.Where(file => written.Contains(file) || removed.Contains(file)).ToList().ForEach(file => kept.Remove(file));
        return TreeStamps.Supported ? await StampsAsync(head, kept, cancellationToken) : null;
    }

    /// <summary>
    /// The stamps of the head's files as written (the private index holds the head), before anything runs in the copy:
    /// those in <paramref name="kept"/> as they are (files a turn kept and nothing wrote since), the others taken now.
    /// </summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private async Task<TreeStamps> StampsAsync(
        string head, Dictionary<string, FileStamp>? kept, CancellationToken cancellationToken, (List<string> Paths, List<WorktreeIndex.Entry> Entries)? listing = null)
    {
        var (tracked, entries) = listing ?? await IndexEntriesAsync(cancellationToken);
        var stamps = kept is null
            ? TreeStamps.Of(head, TreeStamps.Scan(path), tracked)
            : TreeStamps.Of(head, path, tracked, kept);
        TreeStamps.WaitPast(stamps.Files.Values);
        KnownContents.Register(stamps.Files, entries);
        return stamps;
    }

    /// <summary>Runs the set-up; returns the tracked files it changed, added over or removed.</summary>
    private async Task<IEnumerable<string>> SetUpAsync(string baseRevision, CopySetUp prepare, CancellationToken cancellationToken)
    {
        if (!TreeStamps.Supported)
        {
            await prepare.Run(path);

            // Tracked files the set-up changed or removed (a rewritten lock file) are written again from the head below:
            // the copy's tracked files are exactly the head's.
            var setUp = await git.RunAsync(path, ["diff-files", "--name-only", "-z"], extraEnvironment: Environment, cancellationToken: cancellationToken);
            return setUp.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }

        if (outputs is not null && prepare.Rules is { } rules)
        {
            return await outputs.SetUpAsync(git, clone, baseRevision, rules, outputsFolder ?? Path.GetDirectoryName(path)!, path, prepare, cancellationToken);
        }

        return await SetupOutputs.RunAsync(path, prepare.Run);
    }

    /// <summary>Every file of <paramref name="revision"/> at <paramref name="at"/>, an empty folder, through a private index deleted after: where a set-up runs to be kept (<see cref="SetupOutputs"/>).</summary>
    internal static async Task WriteBaseAsync(GitCli git, string clone, string revision, string at, CancellationToken cancellationToken)
    {
        var index = at + ".index";
        try
        {
            await new CopyWriter(git, clone, index, at).CheckoutAsync(revision, cancellationToken);
        }
        finally
        {
            File.Delete(index);
        }
    }

    /// <summary>Every file of <paramref name="revision"/>.</summary>
    private async Task CheckoutAsync(string revision, CancellationToken cancellationToken)
    {
        await git.RunAsync(path, ["read-tree", revision], extraEnvironment: Environment, cancellationToken: cancellationToken);
        await git.RunAsync(path, ["checkout-index", "-a", "-f", "-u"], extraEnvironment: Environment, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Turns a spent copy into <paramref name="revision"/>: a file stays only when its stamp is the one Squad took after
    /// writing it, it has no other name, and the two revisions hold the same content at its path; everything else (what
    /// commands wrote, changed, linked or replaced, and the set-up's outputs) is deleted, and the revision's missing files
    /// are written.
    /// </summary>
    /// <returns>
    /// The stamps of the files kept (as they were, just before the rest was deleted and written), and the private index's
    /// listing of <paramref name="revision"/> (<see cref="IndexEntriesAsync"/>).
    /// </returns>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    internal async Task<(Dictionary<string, FileStamp> Kept, (List<string> Paths, List<WorktreeIndex.Entry> Entries) Listing)> TurnAsync(
        TreeStamps spent, string revision, CancellationToken cancellationToken)
    {
        var differ = (await git.ReadRevisionsAsync(clone, ["diff", "--no-ext-diff", "--name-only", "-z", "--no-renames", spent.Revision, revision], [spent.Revision, revision], cancellationToken))
            .Split('\0', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

        // Attributes decide how every file is written (line endings): when they change, nothing is kept.
        var keepAny = !differ.Any(file => file == ".gitattributes" || file.EndsWith("/.gitattributes", StringComparison.Ordinal));
        var scan = TreeStamps.Scan(path);
        var kept = new Dictionary<string, FileStamp>(StringComparer.Ordinal);
        foreach (var (file, stamp) in scan.Files)
        {
            if (keepAny && stamp.Single && !differ.Contains(file) && spent.Files.TryGetValue(file, out var was) && spent.Matches(was, stamp))
            {
                kept[file] = stamp;
            }
            else
            {
                File.Delete(Path.Combine(path, file));
            }
        }

        // Folders left empty go (git trees have no empty folders), deepest first.
        for (var i = scan.Folders.Count - 1; i >= 0; i--)
        {
            var folder = Path.Combine(path, scan.Folders[i]);
            if (!Directory.EnumerateFileSystemEntries(folder).Any())
            {
                Directory.Delete(folder);
            }
        }

        await git.RunAsync(path, ["read-tree", revision], extraEnvironment: Environment, cancellationToken: cancellationToken);
        var listing = await IndexEntriesAsync(cancellationToken);
        var missing = listing.Paths.Where(file => !kept.ContainsKey(file)).ToList();
        if (missing.Count > 0)
        {
            await CheckoutPathsAsync(missing, cancellationToken);
        }

        return (kept, listing);
    }

    /// <summary>
    /// The private index's paths, and its entries with their object ids (<c>ls-files -s</c>: "MODE OBJECT STAGE\tPATH";
    /// none in a SHA-256 repository).
    /// </summary>
    private async Task<(List<string> Paths, List<WorktreeIndex.Entry> Entries)> IndexEntriesAsync(CancellationToken cancellationToken)
    {
        var listing = await git.RunAsync(path, ["ls-files", "-s", "-z"], extraEnvironment: Environment, cancellationToken: cancellationToken);
        var (paths, entries) = (new List<string>(), new List<WorktreeIndex.Entry>());
        foreach (var record in listing.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var tab = record.IndexOf('\t', StringComparison.Ordinal);
            var fields = record[..tab].Split(' ');
            paths.Add(record[(tab + 1)..]);
            if (WorktreeIndex.Parse(fields[0], fields[1], record[(tab + 1)..]) is { } entry)
            {
                entries.Add(entry);
            }
        }

        return (paths, entries);
    }

    private Task<string> CheckoutPathsAsync(IEnumerable<string> files, CancellationToken cancellationToken)
        => git.RunAsync(path, ["checkout-index", "-f", "-z", "--stdin"], string.Concat(files.Order(StringComparer.Ordinal).Select(f => f + "\0")), Environment, cancellationToken);

    /// <summary>Deletes the folders of <paramref name="files"/> (and theirs, up to the copy's root) that are empty, never through a link.</summary>
    private void DeleteEmptyFolders(IEnumerable<string> files)
    {
        foreach (var file in files)
        {
            for (var folder = Path.GetDirectoryName(file); !string.IsNullOrEmpty(folder); folder = Path.GetDirectoryName(folder))
            {
                var full = Path.Combine(path, folder);
                var info = new DirectoryInfo(full);
                if (!info.Exists || info.LinkTarget is not null || info.EnumerateFileSystemInfos().Any())
                {
                    break;
                }

                info.Delete();
            }
        }
    }

    /// <summary>Deletes the file or link at <paramref name="file"/> in the copy, if any (never through a link).</summary>
    private void DeleteFile(string file)
    {
        var full = Path.GetFullPath(Path.Combine(path, file));
        if (full.StartsWith(path + Path.DirectorySeparatorChar, StringComparison.Ordinal) && (File.Exists(full) || new FileInfo(full).LinkTarget is not null))
        {
            File.Delete(full);
        }
    }
}
