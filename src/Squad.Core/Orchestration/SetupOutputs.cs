using System.Runtime.Versioning;
using System.Text;
using Squad.Core.Git;
using N = Squad.Core.Tools.NativeMethods;

namespace Squad.Core.Orchestration;

/// <summary>
/// What a repository's set-up (restoring dependencies) writes on a base tree, made once per base tree and rules
/// (<see cref="CopySetUp.Rules"/>) in a run and kept for the rest of it: every tree set up on that base gets a copy of
/// those outputs instead of running the set-up. A demo run sets up some twenty trees on a handful of bases.
/// </summary>
/// <remarks>
/// <para>
/// Trust: the set-up runs in the sandbox on base content only, as before, in a folder of its own beside the trees
/// (<see cref="Prefix"/><c>tree</c>) where nothing else runs; its outputs are taken the moment it ends and are copied,
/// never linked, into each tree, so no command run there can change what the next tree gets. The kept outputs sit beside
/// the trees, in folders no sandbox is given.
/// </para>
/// <para>
/// Kept only when they can be reproduced exactly elsewhere: the set-up changed no tracked file, wrote only files, folders
/// and links, stays within <see cref="MaxBytes"/> and <see cref="MaxEntries"/>, and every file that names the set-up
/// folder's path is text, which gets the tree's path instead (a restore's assets file, a virtual environment's scripts);
/// a binary file naming it keeps nothing. Otherwise each tree runs the set-up itself.
/// </para>
/// <para>
/// Crash: what is kept is known only to this process, once written whole; a kill leaves a folder (<see cref="Prefix"/>)
/// that the next run's first sweep deletes with every other tree, and a run drops its own at its end.
/// </para>
/// </remarks>
internal sealed class SetupOutputs
{
    /// <summary>The name prefix of a folder of kept set-up outputs, beside the trees.</summary>
    internal const string Prefix = ".setup-";

    private readonly Dictionary<string, Task<Snapshot?>> snapshots = new(StringComparer.Ordinal);
    private readonly List<string> folders = [];
    private int generation;
    private int ran;
    private int reused;

    /// <summary>The most a set-up's outputs may take to be kept.</summary>
    internal long MaxBytes { get; set; } = 512L << 20;

    /// <summary>The most files, links and folders a set-up may write to be kept.</summary>
    internal int MaxEntries { get; set; } = 100_000;

    /// <summary>Set-ups run in this run (with their outputs kept or not).</summary>
    public int Ran => ran;

    /// <summary>Trees that got the kept outputs of a set-up instead of running it.</summary>
    public int Reused => reused;

    /// <summary>
    /// Sets up the tree at <paramref name="path"/>, holding the tracked files of <paramref name="baseRevision"/> (a name or
    /// an object id <paramref name="clone"/> holds), with a copy of the outputs kept for that base's tree under
    /// <paramref name="rules"/>, made first when none are (<see cref="EnsureAsync"/>); when they cannot be kept, by running
    /// the set-up in the tree itself. Returns the tracked files the set-up touched there (none for a copy).
    /// </summary>
    /// <param name="git">Squad's git.</param>
    /// <param name="clone">The repository's clone.</param>
    /// <param name="baseRevision">What the tree holds, and the set-up runs on.</param>
    /// <param name="rules">The set-up's rules (<see cref="CopySetUp.Rules"/>).</param>
    /// <param name="folder">Where kept outputs and the set-up folder go, beside the trees.</param>
    /// <param name="path">The tree set up.</param>
    /// <param name="setUp">Runs the set-up in a tree, and says when a tree got a copy of outputs made for another.</param>
    /// <param name="cancellationToken">Stops the wait and the set-up.</param>
    [SupportedOSPlatform("linux")]
    public async Task<IReadOnlyCollection<string>> SetUpAsync(
        GitCli git, string clone, string baseRevision, string rules, string folder, string path, CopySetUp setUp, CancellationToken cancellationToken)
    {
        var tree = (await git.RunAsync(clone, ["rev-parse", "--verify", "--end-of-options", baseRevision + "^{tree}"], cancellationToken: cancellationToken)).Trim();
        var (run, noteReused) = (setUp.Run, setUp.NoteReused);
        var (snapshot, mine) = await EnsureAsync(Key(tree, rules), folder, run, at => CopyWriter.WriteBaseAsync(git, clone, tree, at, cancellationToken), cancellationToken);
        if (snapshot is null)
        {
            // Outputs that cannot be copied: the tree runs its own set-up.
            Interlocked.Increment(ref ran);
            return (await RunAndScanAsync(path, run)).Touched;
        }

        snapshot.CopyInto(path);
        if (!mine)
        {
            Interlocked.Increment(ref reused);
            if (noteReused is not null)
            {
                await noteReused();
            }
        }

        return [];
    }

    /// <summary>
    /// The outputs kept under <paramref name="key"/> (null when they cannot be kept), made now when none are: the set-up
    /// runs on the base at one path per <paramref name="folder"/> (<see cref="Prefix"/><c>tree</c>, one set-up at a time),
    /// so outputs that depend on their tree's path (a restore's hash of its project paths) are the same for every base
    /// whose set-up writes the same, and so is their identity. A set-up of the same key already running is waited for, not
    /// repeated; one that fails or is stopped keeps nothing, and the next caller runs its own. True when this call made them.
    /// </summary>
    [SupportedOSPlatform("linux")]
    private async Task<(Snapshot? Snapshot, bool Mine)> EnsureAsync(
        string key, string folder, Func<string, Task> run, Func<string, Task> writeBase, CancellationToken cancellationToken)
    {
        TaskCompletionSource<Snapshot?>? mine = null;
        Task<Snapshot?> pending;
        int made;
        lock (snapshots)
        {
            made = generation;
            if (!snapshots.TryGetValue(key, out pending!))
            {
                mine = new TaskCompletionSource<Snapshot?>(TaskCreationOptions.RunContinuationsAsynchronously);
                snapshots[key] = pending = mine.Task;
            }
        }

        if (mine is null)
        {
            return (await pending.WaitAsync(cancellationToken), false);
        }

        try
        {
            Interlocked.Increment(ref ran);
            var kept = await MakeAsync(folder, run, writeBase, cancellationToken);
            lock (snapshots)
            {
                if (kept is not null && made != generation)
                {
                    // Dropped while it ran (the run ended): nothing may outlive the run.
                    FileTree.TryDelete(kept.Folder);
                    kept = null;
                }
                else if (kept is not null)
                {
                    folders.Add(kept.Folder);
                }
            }

            mine.SetResult(kept);
            return (kept, true);
        }
        catch
        {
            lock (snapshots)
            {
                if (made == generation && snapshots.TryGetValue(key, out var current) && current == mine.Task)
                {
                    snapshots.Remove(key);
                }
            }

            mine.SetResult(null);
            throw;
        }
    }

    /// <summary>Runs the set-up on the base at the folder's one set-up path, one at a time, and keeps its outputs (null when they cannot be kept).</summary>
    [SupportedOSPlatform("linux")]
    private async Task<Snapshot?> MakeAsync(string folder, Func<string, Task> run, Func<string, Task> writeBase, CancellationToken cancellationToken)
    {
        SemaphoreSlim gate;
        lock (Gates)
        {
            gate = Gates.TryGetValue(folder, out var held) ? held : Gates[folder] = new SemaphoreSlim(1, 1);
        }

        await gate.WaitAsync(cancellationToken);
        var at = Path.Combine(folder, Prefix + "tree");
        try
        {
            FileTree.Delete(at);
            Directory.CreateDirectory(at);
            await writeBase(at);
            var result = await RunAndScanAsync(at, run);
            return result.Touched.Count == 0 ? Keep(folder, at, result) : null;
        }
        finally
        {
            FileTree.TryDelete(at);
            gate.Release();
        }
    }

    /// <summary>One set-up at a time per set-up folder in this process, whichever run's store asks (a process holds its data directory alone).</summary>
    private static readonly Dictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>What the set-up folder's path is written as in an identity.</summary>
    private const string OriginToken = "\0tree\0";

    /// <summary>
    /// What the set-up writes on <paramref name="baseTree"/> under <paramref name="rules"/>, as one hash: every file and
    /// link it adds (path, permissions, content, the set-up folder's path written as a token) and every empty folder it
    /// makes; the set-up runs now when none ran under that key (<see cref="EnsureAsync"/>; <paramref name="clone"/> is asked
    /// for only then). Two bases whose set-ups write the same outputs have the same identity, and a copy of a head set up
    /// on either is the same: the head's files and these outputs. Null when they cannot be kept.
    /// </summary>
    [SupportedOSPlatform("linux")]
    public async Task<string?> IdentityAsync(
        GitCli git, Func<Task<string>> clone, string baseTree, string rules, string folder, Func<string, Task> run, CancellationToken cancellationToken)
        => (await EnsureAsync(Key(baseTree, rules), folder, run,
            async at => await CopyWriter.WriteBaseAsync(git, await clone(), baseTree, at, cancellationToken), cancellationToken)).Snapshot?.Identity;

    /// <summary>Every kept folder, no longer this store's: none is copied from after.</summary>
    public List<string> TakeAll()
    {
        lock (snapshots)
        {
            List<string> taken = [.. folders];
            folders.Clear();
            snapshots.Clear();
            generation++;
            return taken;
        }
    }

    /// <summary>The key of outputs made on <paramref name="tree"/> under <paramref name="rules"/>.</summary>
    private static string Key(string tree, string rules)
        => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(tree + "\n" + rules)));

    /// <summary>Runs the set-up, keeping nothing: the tracked files it touched.</summary>
    [SupportedOSPlatform("linux")]
    public static async Task<IReadOnlyCollection<string>> RunAsync(string path, Func<string, Task> run) => (await RunAndScanAsync(path, run)).Touched;

    /// <summary>What one set-up did to a tree: its stamps before and after.</summary>
    private sealed record SetupRun(TreeScan Before, TreeScan After, List<string> Touched);

    /// <summary>Runs the set-up; the tracked files it changed, added over or removed are those whose stamps changed.</summary>
    [SupportedOSPlatform("linux")]
    private static async Task<SetupRun> RunAndScanAsync(string path, Func<string, Task> run)
    {
        // Only tracked files are there before the set-up: their stamps tell, without reading them, which it touched.
        var before = TreeStamps.Scan(path);
        TreeStamps.WaitPast(before.Files.Values);
        await run(path);
        var after = TreeStamps.Scan(path);
        var touched = before.Files.Where(file => !after.Files.TryGetValue(file.Key, out var now) || now != file.Value).Select(file => file.Key).ToList();
        return new SetupRun(before, after, touched);
    }

    /// <summary>A copy of what the set-up added to the tree at <paramref name="path"/>, or null when it cannot be reproduced elsewhere.</summary>
    [SupportedOSPlatform("linux")]
    private Snapshot? Keep(string folder, string path, SetupRun result)
    {
        var newFolders = result.After.Folders.Except(result.Before.Folders, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var newFiles = result.After.Files.Where(file => !result.Before.Files.ContainsKey(file.Key)).OrderBy(file => file.Key, StringComparer.Ordinal).ToList();
        if (newFolders.Count + newFiles.Count > MaxEntries
            || newFiles.Any(file => (file.Value.Mode & N.SIfMt) is not (N.SIfReg or N.SIfLnk))
            || newFiles.Sum(file => (long)file.Value.Size) > MaxBytes)
        {
            return null;
        }

        var origin = Encoding.UTF8.GetBytes(path);
        var kept = Path.Combine(folder, Prefix + Guid.NewGuid().ToString("N")[..16]);
        try
        {
            Directory.CreateDirectory(kept);
            foreach (var relative in newFolders)
            {
                Directory.CreateDirectory(Path.Combine(kept, relative));
            }

            var entries = new List<Snapshot.Entry>(newFiles.Count);
            using var identity = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
            foreach (var (relative, stamp) in newFiles)
            {
                var source = Path.Combine(path, relative);
                var target = Path.Combine(kept, relative);
                if ((stamp.Mode & N.SIfMt) == N.SIfLnk)
                {
                    var link = new FileInfo(source).LinkTarget ?? "";
                    entries.Add(new Snapshot.Entry(relative, (UnixFileMode)(stamp.Mode & 0xFFF), link, NamesOrigin: false));
                    identity.AppendData(Encoding.UTF8.GetBytes($"link {relative}\0{link.Replace(path, OriginToken, StringComparison.Ordinal)}\0"));
                    continue;
                }

                var bytes = File.ReadAllBytes(source);
                var names = bytes.AsSpan().IndexOf(origin) >= 0;
                if (names && !IsText(bytes))
                {
                    // A binary file that names the tree's path (compiled bytecode) cannot be moved by rewriting it.
                    FileTree.TryDelete(kept);
                    return null;
                }

                File.WriteAllBytes(target, bytes);
                entries.Add(new Snapshot.Entry(relative, (UnixFileMode)(stamp.Mode & 0xFFF), Link: null, names));
                var content = System.Security.Cryptography.SHA256.HashData(names ? Snapshot.Replace(bytes, origin, Encoding.UTF8.GetBytes(OriginToken)) : bytes);
                identity.AppendData(Encoding.UTF8.GetBytes($"file {relative}\0{stamp.Mode & 0x1FF}\0{Convert.ToHexStringLower(content)}\0"));
            }

            // Folders are named by the files in them; an empty one the set-up made is named alone (a folder that was the
            // base's own is not an output, and would differ between bases whose outputs are the same).
            var holding = new HashSet<string>(StringComparer.Ordinal);
            foreach (var relative in newFiles.Select(file => file.Key).Concat(newFolders))
            {
                for (var parent = System.IO.Path.GetDirectoryName(relative); !string.IsNullOrEmpty(parent) && holding.Add(parent); parent = System.IO.Path.GetDirectoryName(parent))
                {
                }
            }

            foreach (var empty in newFolders.Where(folder => !holding.Contains(folder)))
            {
                identity.AppendData(Encoding.UTF8.GetBytes($"folder {empty}\0"));
            }

            return new Snapshot(kept, path, newFolders, entries, Convert.ToHexStringLower(identity.GetHashAndReset()));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            FileTree.TryDelete(kept);
            return null;
        }
    }

    /// <summary>UTF-8 text with no NUL: a file whose path strings can be rewritten.</summary>
    private static bool IsText(byte[] bytes)
    {
        if (bytes.AsSpan().IndexOf((byte)0) >= 0)
        {
            return false;
        }

        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>A set-up's outputs, kept at <see cref="Folder"/>: made in the tree at <see cref="Origin"/>.</summary>
    private sealed record Snapshot(string Folder, string Origin, List<string> Folders, List<Snapshot.Entry> Files, string Identity)
    {
        /// <summary>A file (its permissions) or a link (its target); a file that names the origin's path gets the new one.</summary>
        public sealed record Entry(string Path, UnixFileMode Mode, string? Link, bool NamesOrigin);

        /// <summary>
        /// Writes the outputs into the tree at <paramref name="path"/>, which holds the same base's tracked files and nothing
        /// else: every folder is made as a real one (never through a link), every file created new (never written through
        /// an entry already there).
        /// </summary>
        [SupportedOSPlatform("linux")]
        public void CopyInto(string path)
        {
            foreach (var relative in Folders)
            {
                var target = System.IO.Path.Combine(path, relative);
                if (File.Exists(target) || new FileInfo(target).LinkTarget is not null)
                {
                    throw new IOException($"set-up outputs: '{relative}' is not a folder in the new tree");
                }

                Directory.CreateDirectory(target);
            }

            var (from, to) = (Encoding.UTF8.GetBytes(Origin), Encoding.UTF8.GetBytes(path));
            foreach (var entry in Files)
            {
                var target = System.IO.Path.Combine(path, entry.Path);
                if (entry.Link is { } link)
                {
                    File.CreateSymbolicLink(target, link.Replace(Origin, path, StringComparison.Ordinal));
                    continue;
                }

                var bytes = File.ReadAllBytes(System.IO.Path.Combine(Folder, entry.Path));
                if (entry.NamesOrigin)
                {
                    bytes = Replace(bytes, from, to);
                }

                // Created new (O_EXCL: never through a link already there), with the permissions the set-up gave it.
                using var file = new FileStream(target, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write });
                file.Write(bytes);
                File.SetUnixFileMode(file.SafeFileHandle, entry.Mode & ~(UnixFileMode.SetUser | UnixFileMode.SetGroup | UnixFileMode.StickyBit));
            }
        }

        public static byte[] Replace(byte[] bytes, byte[] from, byte[] to)
        {
            using var output = new MemoryStream(bytes.Length + 64);
            var rest = bytes.AsSpan();
            int at;
            while ((at = rest.IndexOf(from)) >= 0)
            {
                output.Write(rest[..at]);
                output.Write(to);
                rest = rest[(at + from.Length)..];
            }

            output.Write(rest);
            return output.ToArray();
        }
    }
}
