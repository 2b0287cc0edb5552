using System.Text;
using Squad.Core.Git;

namespace Squad.Core.Tools;

/// <summary>
/// The files of one commit as a read-only role reads them, from the clone's objects rather than a copy on disk: what a
/// reviewer reads is the commit itself, by its id, which nothing it or anything else runs can change, and there is no
/// copy to write, stamp or delete. Its listing is the one a work tree of the commit would give (<see cref="RepositoryFiles"/>:
/// regular files only, no build output); symbolic links and submodules are refused by path as the disk tools refuse them.
/// A file's content is its blob as committed (no line-ending conversion or filter of <c>.gitattributes</c> applies).
/// </summary>
public sealed class CommitFiles
{
    /// <summary>Blobs larger than this are not read at all: <c>read_file</c> says so, a search passes over them.</summary>
    internal const long MaxBlobBytes = 64L << 20;

    /// <summary>A search reads the blobs it lacks in batches of about this many bytes (one <c>cat-file --batch</c> each).</summary>
    private const long BatchBytes = 32L << 20;

    private const string RegularFile = "100644";
    private const string ExecutableFile = "100755";
    private const string SymbolicLink = "120000";
    private const string Submodule = "160000";

    private readonly GitCli git;
    private readonly object gate = new();
    private Task<Listing>? listing;

    /// <param name="git">Squad's git.</param>
    /// <param name="repository">A repository (the clone) that holds <paramref name="commit"/>.</param>
    /// <param name="commit">The commit, by its object id.</param>
    public CommitFiles(GitCli git, string repository, string commit)
    {
        if (!GitCli.IsObjectId(commit))
        {
            throw new ArgumentException($"a commit by its object id, not '{commit}'", nameof(commit));
        }

        (this.git, Repository, Commit) = (git, repository, commit);
    }

    public string Repository { get; }

    public string Commit { get; }

    /// <summary>One entry of the commit's tree: its path, git's mode, object id and size (-1 for a submodule).</summary>
    internal sealed record Entry(string Path, string Mode, string ObjectId, long Size)
    {
        public bool IsFile => Mode is RegularFile or ExecutableFile;

        /// <summary>The object id as a blob's (null in a SHA-256 repository): the key of content kept in memory.</summary>
        public BlobId? Blob { get; } = BlobId.Parse(ObjectId);

        /// <summary>
        /// Where the last name a listing leaves out ends in the path (0 for none): the entry is listed under a folder only
        /// when that name is part of the folder asked for (a listing of <c>bin</c> itself shows what is in it).
        /// </summary>
        public int SkippedEnd { get; } = EndOfSkipped(Path);
    }

    /// <summary>
    /// The folder <paramref name="relative"/> names, as a prefix of paths ("" for the root, else ending in '/'); refused
    /// as the disk tools refuse it: missing, a file, or through a symbolic link.
    /// </summary>
    internal async Task<string> FolderAsync(string relative, CancellationToken cancellationToken)
    {
        var segments = WorkspacePaths.Segments(relative);
        if (segments.Count == 0)
        {
            return "";
        }

        var tree = await ListingAsync(cancellationToken);
        var path = Walk(tree, segments, relative, segments.Count);
        if (tree.Entries.TryGetValue(path, out var entry))
        {
            // A submodule is an empty folder in a checkout, as git leaves it.
            return entry.Mode switch
            {
                SymbolicLink => throw FileRefusals.SymbolicLink(relative),
                Submodule => path + "/",
                _ => throw FileRefusals.NotAFolder(relative),
            };
        }

        return tree.Folders.Contains(path) ? path + "/" : throw FileRefusals.MissingFolder(relative);
    }

    /// <summary>The paths a listing of the folder <paramref name="prefix"/> shows (<see cref="FolderAsync"/>), sorted.</summary>
    internal async Task<IReadOnlyList<Entry>> FilesAsync(string prefix, CancellationToken cancellationToken)
    {
        var tree = await ListingAsync(cancellationToken);
        var files = new List<Entry>();
        foreach (var entry in tree.Files)
        {
            if (entry.Path.StartsWith(prefix, StringComparison.Ordinal) && entry.SkippedEnd <= prefix.Length)
            {
                files.Add(entry);
            }
        }

        return files;
    }

    /// <summary>At most <see cref="SafeFiles.MaxFileBytes"/> of the regular file at <paramref name="relative"/>, with its whole length.</summary>
    internal async Task<FileBytes> ReadAsync(string relative, CancellationToken cancellationToken)
    {
        var segments = WorkspacePaths.Segments(relative);
        if (segments.Count == 0)
        {
            throw FileRefusals.Folder(relative);
        }

        var tree = await ListingAsync(cancellationToken);
        var path = Walk(tree, segments, relative, segments.Count);
        if (!tree.Entries.TryGetValue(path, out var entry))
        {
            throw tree.Folders.Contains(path) ? FileRefusals.Folder(relative) : FileRefusals.Missing(relative);
        }

        if (!entry.IsFile)
        {
            throw entry.Mode == SymbolicLink ? FileRefusals.SymbolicLink(relative) : FileRefusals.Folder(relative);
        }

        var bytes = (await ReadBlobsAsync([entry], cancellationToken))[0]
            ?? throw new ToolException($"file '{relative}' is {entry.Size} bytes: too large to read here (more than {MaxBlobBytes >> 20} MiB)");
        return new FileBytes { Bytes = bytes, Length = entry.Size };
    }

    /// <summary>
    /// The contents of <paramref name="entries"/>, in order, each cut at <see cref="SafeFiles.MaxFileBytes"/> (what a search
    /// reads of a file); null for a blob over <see cref="MaxBlobBytes"/>. Blobs kept in memory (<see cref="KnownContents"/>)
    /// are not read again; the others come from one <c>cat-file --batch</c> per batch, and are kept for the next search.
    /// </summary>
    internal async Task<byte[]?[]> ReadBlobsAsync(IReadOnlyList<Entry> entries, CancellationToken cancellationToken)
    {
        var contents = new byte[]?[entries.Count];
        var missing = new List<int>();
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Size <= SafeFiles.MaxFileBytes && entries[i].Blob is { } blob && KnownContents.Content(blob) is { } known)
            {
                contents[i] = known;
            }
            else if (entries[i].Size <= MaxBlobBytes)
            {
                missing.Add(i);
            }
        }

        for (var start = 0; start < missing.Count;)
        {
            var (end, bytes) = (start, 0L);
            while (end < missing.Count && (end == start || bytes + entries[missing[end]].Size <= BatchBytes))
            {
                bytes += entries[missing[end++]].Size;
            }

            var batch = missing.GetRange(start, end - start);
            var read = await CatFileAsync(batch.Select(i => entries[i].ObjectId).ToList(), cancellationToken);
            foreach (var i in batch)
            {
                var content = read[entries[i].ObjectId];
                if (entries[i].Blob is { } blob)
                {
                    KnownContents.Keep(blob, content);
                }

                contents[i] = content.Length > SafeFiles.MaxFileBytes ? content[..SafeFiles.MaxFileBytes] : content;
            }

            start = end;
        }

        return contents;
    }

    /// <summary>Where the last name a work tree's listing leaves out (build outputs, <see cref="RepositoryFiles.IsSkipped"/>) ends in the path; 0 for none.</summary>
    private static int EndOfSkipped(string path)
    {
        var (end, start) = (0, 0);
        while (start <= path.Length)
        {
            var slash = path.IndexOf('/', start);
            var stop = slash < 0 ? path.Length : slash;
            if (RepositoryFiles.IsSkipped(path[start..stop]))
            {
                end = stop;
            }

            start = stop + 1;
        }

        return end;
    }

    /// <summary>The first <paramref name="count"/> segments joined; refused when a folder on the way is a link, a submodule or a file.</summary>
    private static string Walk(Listing tree, IReadOnlyList<string> segments, string relative, int count)
    {
        var path = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                // Below a submodule (an empty folder in a checkout) nothing is found.
                if (tree.Entries.TryGetValue(path.ToString(), out var through) && through.Mode != Submodule)
                {
                    throw through.Mode == SymbolicLink ? FileRefusals.SymbolicLink(relative) : FileRefusals.NotAFolder(relative);
                }

                path.Append('/');
            }

            path.Append(segments[i]);
        }

        return path.ToString();
    }

    /// <summary>The commit's tree, listed once (concurrent callers share the listing; a failed one is listed again).</summary>
    private Task<Listing> ListingAsync(CancellationToken cancellationToken)
    {
        Task<Listing> task;
        lock (gate)
        {
            if (listing is null || listing.IsFaulted || listing.IsCanceled)
            {
                listing = ListAsync();
            }

            task = listing;
        }

        return task.WaitAsync(cancellationToken);
    }

    private async Task<Listing> ListAsync()
    {
        var output = await git.RunAsync(Repository, ["ls-tree", "-r", "-l", "-z", "--full-tree", Commit]);
        var tree = new Listing();
        foreach (var record in output.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            // "MODE TYPE OBJECT SIZE\tPATH", the size padded with spaces ("-" for a submodule).
            var tab = record.IndexOf('\t', StringComparison.Ordinal);
            var fields = record[..tab].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var entry = new Entry(record[(tab + 1)..], fields[0], fields[2], long.TryParse(fields[3], out var size) ? size : -1);
            tree.Entries[entry.Path] = entry;
            for (var slash = entry.Path.IndexOf('/', StringComparison.Ordinal); slash >= 0; slash = entry.Path.IndexOf('/', slash + 1))
            {
                tree.Folders.Add(entry.Path[..slash]);
            }

            if (entry.IsFile)
            {
                tree.Files.Add(entry);
            }
        }

        tree.Files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return tree;
    }

    /// <summary>The blobs <paramref name="ids"/> names, by id, read in one <c>cat-file --batch</c>.</summary>
    private async Task<Dictionary<string, byte[]>> CatFileAsync(List<string> ids, CancellationToken cancellationToken)
    {
        var objects = await git.ReadObjectsAsync(Repository, ids, cancellationToken);
        var read = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        for (var i = 0; i < ids.Count; i++)
        {
            read[ids[i]] = objects[i] is { Type: "blob" } blob ? blob.Content
                : throw new SquadException(SquadErrorCode.Git, $"commit {Commit[..12]} in {Repository} names {ids[i]}, which is no blob there");
        }

        return read;
    }

    private sealed class Listing
    {
        /// <summary>Every entry, by path: files, links and submodules.</summary>
        public Dictionary<string, Entry> Entries { get; } = new(StringComparer.Ordinal);

        /// <summary>Every folder that holds an entry, by path.</summary>
        public HashSet<string> Folders { get; } = new(StringComparer.Ordinal);

        /// <summary>The regular files, sorted by path.</summary>
        public List<Entry> Files { get; } = [];
    }
}
