using System.Collections.Concurrent;
using Squad.Core.Configuration;
using Squad.Core.Forge;
using Squad.Core.Git;
using Squad.Core.Tools;

namespace Squad.Core.Orchestration;

/// <summary>
/// One bare clone per target repository under the data directory, and one work tree per squad
/// (and per reviewer pass) made from it. Work trees are removed after merge or failure; git
/// operations on a clone are serialized because worktree and ref updates share its locks.
/// </summary>
/// <remarks>
/// A kill at any moment must leave something the next run heals: a clone is built aside and renamed into place, and is
/// checked and repaired (stale locks, half-made work trees, loose branches) before this manager's first use of it; a
/// work tree is rebuilt from scratch every time, whatever a killed creation left at its path.
/// <para>
/// With a <see cref="WorktreeMemory"/>, work trees and copies go in memory while it has room for one more (the clone's
/// packed size times <see cref="FootprintPerPackedByte"/>), on disk otherwise; a name is cleared in both places before it
/// is used, and the sweeps clear both.
/// </para>
/// </remarks>
public sealed class WorkspaceManager(
    GitCli git, string clonesDirectory, string worktreesDirectory, IReadOnlyDictionary<string, string>? gitEnvironment = null, CloneRegistry? registry = null,
    WorktreeMemory? memory = null)
{
    /// <summary>
    /// What a checkout and the outputs of its commands (restores, builds, test results) take, per byte of the clone's
    /// packs: text packs to a quarter or a third of its size, and a build writes more than the sources.
    /// </summary>
    public const long FootprintPerPackedByte = 10;

    /// <summary>The least a tree is assumed to take, for a clone whose objects are not packed yet.</summary>
    public const long MinimumFootprint = 256L << 20;

    private readonly CloneRegistry clones = registry ?? new CloneRegistry();
    private readonly ConcurrentDictionary<string, long> footprints = new(StringComparer.Ordinal);
    private readonly CloneBuilder builder = new(git);
    private readonly CloneRepair repair = new(git);
    private readonly Dictionary<string, List<(string Path, TreeStamps Stamps)>> spares = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task<Template?>> templates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> spareMaking = new(StringComparer.Ordinal);
    private readonly SetupOutputs setupOutputs = new();
    private Task spareChain = Task.CompletedTask;
    private int generation;
    private int freshCopiesTaken;

    /// <summary>
    /// The squad's work tree on <paramref name="branch"/>. <paramref name="prepare"/> (the repository's setup: restoring
    /// dependencies, with the network) runs first on the base branch's content, before the tree moves to what the squad's
    /// agents already pushed: setup never runs on agent-written content. With <paramref name="cloneFetched"/>, the caller
    /// has just fetched the clone for this tree (reading the base's <c>.squad.yml</c>, <see cref="LoadBaseConfigAsync"/>):
    /// the tree is made from that fetch, so the configuration that governs it and its base come from the same one, and
    /// no second fetch follows the first.
    /// </summary>
    public Task<Workspace> CreateAsync(
        RepositoryInfo repository, string branch, string name, Func<string, Task> prepare, bool cloneFetched = false, CancellationToken cancellationToken = default)
        => CreateAsync(repository, branch, name, new CopySetUp(prepare), cloneFetched, cancellationToken);

    /// <inheritdoc cref="CreateAsync(RepositoryInfo, string, string, Func{string, Task}, bool, CancellationToken)"/>
    /// <remarks>
    /// A set-up with rules (<see cref="CopySetUp.Rules"/>), in a run that keeps spares, may be a copy of the outputs of the
    /// same set-up on the same base tree earlier in the run (<see cref="SetupOutputs"/>).
    /// </remarks>
    public async Task<Workspace> CreateAsync(
        RepositoryInfo repository, string branch, string name, CopySetUp? setUp = null, bool cloneFetched = false, CancellationToken cancellationToken = default)
    {
        var clone = cloneFetched && clones.Checked.ContainsKey(ClonePath(repository.Name))
            ? ClonePath(repository.Name)
            : await EnsureCloneAsync(repository, cancellationToken);
        var path = PathFor(clone, repository, name);
        var baseRef = $"refs/remotes/origin/{repository.DefaultBranch}";
        // Only what changes the clone's work tree registrations holds its lock (eight squads starting at once queue there):
        // the branch is read before it, as the fetch above left it.
        var remote = await git.TryRevParseAsync(clone, $"refs/remotes/origin/{branch}", cancellationToken);
        await WithLockAsync(clone, async () =>
        {
            await RemoveStaleAsync(clone, repository, name, cancellationToken);
            // No upstream: git would write branch.<name>.remote and .merge into the clone's config, whose change makes the
            // next fetch scrub it again (CloneFetches.ConfigChanged) and turns off the fetch-free path for held objects.
            await git.RunAsync(clone, ["worktree", "add", "-q", "--no-checkout", "--no-track", "-B", branch, path, setUp is null ? remote ?? baseRef : baseRef], cancellationToken: cancellationToken);
        });

        // The files are written outside the clone's lock: a checkout touches the work tree's own index and files, and the
        // clone's objects only by reading them, so eight squads' checkouts run side by side. A spent copy, when there is
        // one, saves writing the files git would write.
        var start = setUp is null ? remote ?? baseRef : baseRef;
        if (!await TryFillFromSpareAsync(clone, path, start, cancellationToken))
        {
            await git.RunAsync(path, ["reset", "-q", "--hard"], cancellationToken: cancellationToken);
            await TrySettleIndexAsync(clone, path, start, cancellationToken);
        }

        if (setUp is not null)
        {
            await SetUpAsync(clone, repository, baseRef, path, setUp, cancellationToken);
            if (remote is not null)
            {
                await git.RunAsync(path, ["reset", "-q", "--hard", remote], cancellationToken: cancellationToken);
            }
        }

        return new Workspace { Path = path, Branch = branch, ClonePath = clone };
    }

    /// <summary>
    /// A throwaway copy of <paramref name="head"/> with no git metadata at all, for commands whose output must not change
    /// what anyone reads: a reviewer's commands, the merge gate's checks. <paramref name="prepare"/> (setup) runs on the
    /// content of <paramref name="baseRevision"/> first; then the copy becomes <paramref name="head"/>.
    /// </summary>
    public Task<Workspace> CreateCopyAsync(RepositoryInfo repository, string baseRevision, string head, string name, Func<string, Task> prepare, CancellationToken cancellationToken = default)
        => CreateCopyAsync(repository, baseRevision, head, name, new CopySetUp(prepare), cancellationToken);

    /// <inheritdoc cref="CreateCopyAsync(RepositoryInfo, string, string, string, Func{string, Task}, CancellationToken)"/>
    /// <remarks>
    /// A set-up with rules (<see cref="CopySetUp.Rules"/>), in a run that keeps spares, may be a copy of the outputs of the
    /// same set-up on the same base tree earlier in the run (<see cref="SetupOutputs"/>).
    /// </remarks>
    public async Task<Workspace> CreateCopyAsync(RepositoryInfo repository, string baseRevision, string head, string name, CopySetUp? prepare = null, CancellationToken cancellationToken = default)
    {
        var clone = await EnsureCloneAsync(repository, head, cancellationToken);
        if (GitCli.IsObjectId(baseRevision))
        {
            // The copy is written from the base's files: a base by its object id (a main the code host made, such as the
            // merge queue's last landing) may be one the clone has not fetched yet.
            await EnsureCloneAsync(repository, baseRevision, cancellationToken);
        }

        var path = PathFor(clone, repository, name);
        var index = path + ".index";
        foreach (var stale in PathsOf(repository, name))
        {
            FileTree.Delete(stale);
            FileTree.Delete(stale + ".index");
            FileTree.Delete(stale + ".index.lock");
        }

        var spent = (await TakeSpareOrCopyAsync(clone, path, baseRevision, cancellationToken))?.Stamps;
        try
        {
            var stamps = await WriteCopyAsync(clone, index, path, OutputsFolder(repository), baseRevision, head, prepare, spent, cancellationToken);
            return new Workspace { Path = path, ClonePath = clone, IsCopy = true, Stamps = stamps };
        }
        catch
        {
            FileTree.Delete(path);
            throw;
        }
        finally
        {
            File.Delete(index);
        }
    }

    /// <summary>
    /// Whether copies this manager removes are kept, at most <see cref="SparesPerFolder"/> per repository and place, to be
    /// turned into the next copy instead of written whole (<see cref="CopyWriter"/>). Only for a run that drops them at its
    /// end (<see cref="DropSpares"/>); a run's first sweep clears any a killed run left.
    /// </summary>
    internal bool KeepsSpareCopies { get; set; }

    /// <summary>Spare copies kept per folder (repository and place): spent ones and those made ahead of need.</summary>
    internal int SparesPerFolder { get; set; } = 4;

    /// <summary>Work trees that started as a copy of the template made just now of their own base commit, used as they were copied (not turned).</summary>
    internal int FreshCopiesTaken => Volatile.Read(ref freshCopiesTaken);

    /// <summary>The name prefix of a kept spent copy.</summary>
    internal const string SparePrefix = ".spare-";

    /// <summary>The name prefix of a template: a checkout nothing runs in, copied when no spare is left.</summary>
    internal const string TemplatePrefix = ".template-";

    /// <summary>The set-up outputs kept in this run (<see cref="SetupOutputs"/>): only while <see cref="KeepsSpareCopies"/>, dropped with the spares.</summary>
    internal SetupOutputs SetupOutputs => setupOutputs;

    /// <summary>Where a repository's kept set-up outputs go: on disk, beside its trees (no sandbox is given the folder).</summary>
    private string OutputsFolder(RepositoryInfo repository) => Path.Combine(worktreesDirectory, Sanitize(repository.Name));

    /// <summary>
    /// The identity of what <paramref name="setUp"/> writes on the base tree <paramref name="baseTree"/>
    /// (<see cref="SetupOutputs.IdentityAsync"/>): the set-up runs on that base first when none did in this run. Null where
    /// outputs are not kept (not a run that keeps spares, a set-up without rules, outputs that cannot be kept).
    /// </summary>
    internal async Task<string?> SetupIdentityAsync(RepositoryInfo repository, string baseTree, CopySetUp setUp, CancellationToken cancellationToken)
    {
        if (!KeepsSpareCopies || setUp.Rules is not { } rules || !TreeStamps.Supported)
        {
            return null;
        }

        return await setupOutputs.IdentityAsync(git, () => EnsureCloneAsync(repository, baseTree, cancellationToken), baseTree, rules, OutputsFolder(repository), setUp.Run, cancellationToken);
    }

    /// <summary>Sets up a squad's work tree, on <paramref name="baseRef"/>'s content: by running the set-up or with a copy of its kept outputs.</summary>
    private async Task SetUpAsync(string clone, RepositoryInfo repository, string baseRef, string path, CopySetUp setUp, CancellationToken cancellationToken)
    {
        if (!KeepsSpareCopies || setUp.Rules is not { } rules || !TreeStamps.Supported)
        {
            await setUp.Run(path);
            return;
        }

        await setupOutputs.SetUpAsync(git, clone, baseRef, rules, OutputsFolder(repository), path, setUp, cancellationToken);
    }

    /// <summary>Deletes every spent copy kept for reuse, and every template.</summary>
    internal void DropSpares()
    {
        foreach (var spare in TakeAllSpares())
        {
            FileTree.TryDelete(spare);
        }
    }

    /// <summary>Every spent copy and template, no longer this manager's: none is handed out after.</summary>
    private List<string> TakeAllSpares()
    {
        lock (spares)
        {
            List<string> paths = [.. spares.Values.SelectMany(list => list.Select(spare => spare.Path)),
                .. templates.Values.Where(made => made.IsCompletedSuccessfully && made.Result is not null).Select(made => made.Result!.Path)];
            spares.Clear();
            templates.Clear();
            generation++;
            paths.AddRange(setupOutputs.TakeAll());
            return paths;
        }
    }

    /// <summary>
    /// At a run's end: its spares and templates are renamed aside and deleted in the background (<see cref="TreeDeletions"/>),
    /// then this waits for the spares still being made ahead: each deletes itself when done, and none must outlive the run
    /// (a copy finishing after the process ended would stay in memory until the next run's sweep).
    /// </summary>
    internal async Task DropSparesAsync()
    {
        TreeDeletions.Start(TakeAllSpares());
        await SparesMadeAhead;
    }

    /// <summary>A spent copy moved to <paramref name="path"/>, with its stamps; null when there is none beside it.</summary>
    private TreeStamps? TakeSpare(string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        while (true)
        {
            (string Path, TreeStamps Stamps) spare;
            lock (spares)
            {
                if (!spares.TryGetValue(folder, out var list) || list.Count == 0)
                {
                    return null;
                }

                spare = list[^1];
                list.RemoveAt(list.Count - 1);
            }

            try
            {
                Directory.Move(spare.Path, path);
                return spare.Stamps;
            }
            catch (IOException)
            {
                FileTree.TryDelete(spare.Path);
            }
        }
    }

    /// <summary>
    /// Makes up to <paramref name="count"/> spare copies of the folder's template in the background (one at a time, at the
    /// lowest CPU priority) while the squad whose tree is at <paramref name="treePath"/> waits for its model: its commit
    /// checks' copy then turns a spare instead of copying the whole tree on the way. Never more spares
    /// in the folder, ready or in making, than <see cref="SparesPerFolder"/>; none when the folder has no template, spares
    /// are not kept, or memory has no room. A copy that fails is deleted; one that finishes after the run dropped its
    /// spares too, and one whose turn comes after the drop is not made.
    /// </summary>
    internal void MakeSparesAhead(string clone, string treePath, int count)
    {
        var folder = Path.GetDirectoryName(treePath)!;
        for (var i = 0; i < count; i++)
        {
            Task<Template?>? making;
            int started;
            lock (spares)
            {
                var ready = spares.TryGetValue(folder, out var list) ? list.Count : 0;
                var inMaking = spareMaking.GetValueOrDefault(folder);
                if (!KeepsSpareCopies || ready + inMaking >= SparesPerFolder || !templates.TryGetValue(folder, out making))
                {
                    return;
                }

                spareMaking[folder] = inMaking + 1;
                started = generation;
            }

            _ = MakeSpareAsync(clone, folder, making, started);
        }
    }

    /// <summary>Completes once every spare asked for ahead so far, whose folder had its template, is made or given up.</summary>
    internal Task SparesMadeAhead
    {
        get
        {
            lock (spares)
            {
                return spareChain;
            }
        }
    }

    private async Task MakeSpareAsync(string clone, string folder, Task<Template?> making, int started)
    {
        string? path = null;
        TaskCompletionSource? turn = null;
        try
        {
            if (await making is not { } template
                || (memory is not null && folder.StartsWith(memory.Directory + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !memory.HasRoomFor(Footprint(clone))))
            {
                return;
            }

            // One at a time, at the lowest priority: background work must not crowd the squads' own. The turn ends once this
            // spare is kept or deleted (below), so that whoever awaits the spares made ahead never sees one half given up.
            turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Task previous;
            lock (spares)
            {
                (previous, spareChain) = (spareChain, turn.Task);
            }

            await previous;
            lock (spares)
            {
                if (generation != started)
                {
                    return;
                }
            }

            path = Path.Combine(folder, SparePrefix + Guid.NewGuid().ToString("N")[..16]);
            var copied = await ProcessRunner.RunAsync("nice", ["-n", "19", "cp", "-a", "--reflink=auto", "--no-target-directory", template.Path, path], folder,
                CopyEnvironment, TimeSpan.FromMinutes(5));

            lock (spares)
            {
                if (copied.Succeeded && generation == started && KeepsSpareCopies)
                {
                    var list = spares.TryGetValue(folder, out var kept) ? kept : spares[folder] = [];
                    list.Add((path, template.Stamps.ForCopy()));
                    path = null;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SquadException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // A spare is an optimisation: without it, the next copy is made when it is needed.
        }
        finally
        {
            lock (spares)
            {
                spareMaking[folder] = spareMaking.GetValueOrDefault(folder) - 1;
            }

            if (path is not null)
            {
                FileTree.TryDelete(path);
            }

            turn?.SetResult();
        }
    }

    /// <summary>
    /// What the copy or work tree at <paramref name="path"/> starts from: a spent copy moved there, or else a copy of the
    /// folder's template made with <c>cp -a</c> (cheaper than git's checkout: no object is inflated, no index written);
    /// null when there is neither (git writes every file). The template is a checkout of the first revision asked for in
    /// the folder, made once, beside the copies, which no command ever runs in and no sandbox is given.
    /// </summary>
    private async Task<StartingCopy?> TakeSpareOrCopyAsync(string clone, string path, string revision, CancellationToken cancellationToken)
    {
        if (TakeSpare(path) is { } spare)
        {
            return new StartingCopy(spare, null);
        }

        if (!KeepsSpareCopies || !TreeStamps.Supported)
        {
            return null;
        }

        var folder = Path.GetDirectoryName(path)!;
        Task<Template?> making;
        lock (spares)
        {
            if (!templates.TryGetValue(folder, out making!))
            {
                templates[folder] = making = MakeTemplateAsync(clone, folder, revision);
            }
        }

        if (await making.WaitAsync(cancellationToken) is not { } template)
        {
            return null;
        }

        try
        {
            var copied = await ProcessRunner.RunAsync("cp", ["-a", "--reflink=auto", "--no-target-directory", template.Path, path], folder,
                CopyEnvironment, TimeSpan.FromMinutes(5), cancellationToken: cancellationToken);
            if (copied.Succeeded)
            {
                return new StartingCopy(template.Stamps.ForCopy(), template.Commit);
            }
        }
        catch (OperationCanceledException)
        {
            FileTree.TryDelete(path);
            throw;
        }

        // Half a copy is no copy: git writes the files instead.
        FileTree.TryDelete(path);
        return null;
    }

    private static readonly Dictionary<string, string> CopyEnvironment = new() { ["PATH"] = "/usr/bin:/bin", ["LC_ALL"] = "C" };

    /// <summary>
    /// A checkout of a tree (by its object id) that nothing runs in, with its stamps and the commit whose tree it is (the
    /// one its revision named when it was made).
    /// </summary>
    private sealed record Template(string Path, TreeStamps Stamps, string Commit);

    /// <summary>
    /// What a copy or work tree starts from: a spent copy (<see cref="FromTemplate"/> null), to be turned file by file, or a
    /// copy of the template just made, exactly the template's files: then the commit whose tree they are.
    /// </summary>
    private sealed record StartingCopy(TreeStamps Stamps, string? FromTemplate);

    private async Task<Template?> MakeTemplateAsync(string clone, string folder, string revision)
    {
        await Task.Yield();
        if (memory is not null && folder.StartsWith(memory.Directory + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !memory.HasRoomFor(Footprint(clone)))
        {
            return null;
        }

        var path = Path.Combine(folder, TemplatePrefix + Guid.NewGuid().ToString("N")[..16]);
        var index = path + ".index";
        try
        {
            // By its tree's object id, not a branch's name: the stamps must name the content the files hold for ever.
            // Git's rev-parse may echo the --end-of-options it was given as a line of its own (2.39 does): the ids are the lines
            // that are ids. Taken for the commit, that line kept every fresh copy of the template from being used as it is.
            var ids = (await git.RunAsync(clone, ["rev-parse", "--end-of-options", revision + "^{commit}", revision + "^{tree}"]))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(GitCli.IsObjectId).ToList();
            if (ids.Count != 2)
            {
                throw new IOException($"git rev-parse did not name the commit and tree of {revision}");
            }

            var (commit, tree) = (ids[0], ids[1]);
            LocalRefs.NoteCommit(commit);
            Directory.CreateDirectory(path);
            return await new CopyWriter(git, clone, index, path).WriteAsync(tree, tree, null, null, CancellationToken.None) is { } stamps
                ? new Template(path, stamps, commit)
                : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SquadException)
        {
            FileTree.TryDelete(path);
            return null;
        }
        finally
        {
            File.Delete(index);
        }
    }

    /// <summary>Keeps a spent copy for reuse when there is room; false when it is to be deleted.</summary>
    private bool TryKeepSpare(Workspace copy)
    {
        if (!KeepsSpareCopies || copy.Stamps is null || !Directory.Exists(copy.Path))
        {
            return false;
        }

        var folder = Path.GetDirectoryName(copy.Path)!;
        if (memory is not null && folder.StartsWith(memory.Directory + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !memory.HasRoomFor(Footprint(copy.ClonePath)))
        {
            // A spare in memory must never send the next tree to disk.
            return false;
        }

        lock (spares)
        {
            var list = spares.TryGetValue(folder, out var kept) ? kept : spares[folder] = [];
            if (list.Count >= SparesPerFolder)
            {
                return false;
            }

            var spare = Path.Combine(folder, SparePrefix + Guid.NewGuid().ToString("N")[..16]);
            try
            {
                Directory.Move(copy.Path, spare);
            }
            catch (IOException)
            {
                return false;
            }

            list.Add((spare, copy.Stamps));
            return true;
        }
    }

    /// <summary>
    /// Fills the new work tree at <paramref name="path"/> (git's metadata only, no files yet) with <paramref name="revision"/>
    /// from a spent copy: the copy is turned into the revision beside it, takes the work tree's <c>.git</c> file and its
    /// place, and the index is written from its files' stamps. False, with nothing changed at the path, when there is no
    /// spare or it cannot be turned (git then checks the files out).
    /// </summary>
    private async Task<bool> TryFillFromSpareAsync(string clone, string path, string revision, CancellationToken cancellationToken)
    {
        if (!TreeStamps.Supported || !KeepsSpareCopies)
        {
            return false;
        }

        var filling = path + FillingSuffix;
        var index = filling + ".index";
        FileTree.Delete(filling);
        FileTree.Delete(index);
        if (await TakeSpareOrCopyAsync(clone, filling, revision, cancellationToken) is not { } starting)
        {
            return false;
        }

        var entries = await WorktreeIndex.ReadTreeAsync(git, clone, revision, cancellationToken);
        if (entries is null)
        {
            FileTree.TryDelete(filling);
            return false;
        }

        try
        {
            // A copy of the template made just now, of the revision's own commit, is already the revision's files: nothing
            // ran in it, so there is nothing to compare or undo. A spent copy, or one of another commit, is turned.
            if (starting.FromTemplate is not { } commit || await git.TryRevParseAsync(clone, revision, cancellationToken) != commit)
            {
                await new CopyWriter(git, clone, index, filling).TurnAsync(starting.Stamps, revision, cancellationToken);
            }
            else
            {
                Interlocked.Increment(ref freshCopiesTaken);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SquadException)
        {
            FileTree.TryDelete(filling);
            return false;
        }
        finally
        {
            FileTree.TryDelete(index);
        }

        var dotGit = Path.Combine(path, ".git");
        var gitDirectory = (await File.ReadAllTextAsync(dotGit, cancellationToken)).Trim();
        if (!gitDirectory.StartsWith("gitdir: ", StringComparison.Ordinal))
        {
            FileTree.TryDelete(filling);
            return false;
        }

        // Under the clone's lock: for a moment the registered folder has no .git, and another squad's removal then would
        // forget the registration as broken.
        await WithLockAsync(clone, () =>
        {
            File.Move(dotGit, Path.Combine(filling, ".git"));
            Directory.Delete(path);
            Directory.Move(filling, path);
            return Task.CompletedTask;
        });
        await SettleIndexAsync(clone, path, revision, entries, cancellationToken);
        return true;
    }

    /// <summary>After git's own checkout: its index is valid already, so a tree that cannot be settled keeps it.</summary>
    private async Task TrySettleIndexAsync(string clone, string path, string revision, CancellationToken cancellationToken)
    {
        try
        {
            await SettleIndexAsync(clone, path, revision, null, cancellationToken);
        }
        catch (IOException)
        {
            // A tracked path git did not write (a sparse or odd tree): git's index stays; it reads files again, nothing worse.
        }
    }

    /// <summary>
    /// The index of a work tree whose tracked files git or Squad just wrote as <paramref name="revision"/>, nothing having
    /// run there since: written from the files' stamps after they are backdated (<see cref="TreeStamps.Backdate"/>), so
    /// the first <c>git add</c> or <c>status</c> does not read all of them again. Where stamps cannot be taken, or the
    /// repository's index is another format, git's own index stays.
    /// </summary>
    private async Task SettleIndexAsync(string clone, string path, string revision, List<WorktreeIndex.Entry>? entries, CancellationToken cancellationToken)
    {
        if (!TreeStamps.Supported)
        {
            return;
        }

        entries ??= await WorktreeIndex.ReadTreeAsync(git, clone, revision, cancellationToken);
        var gitDirectory = (await File.ReadAllTextAsync(Path.Combine(path, ".git"), cancellationToken)).Trim();
        if (entries is null || !gitDirectory.StartsWith("gitdir: ", StringComparison.Ordinal))
        {
            return;
        }

        var files = TreeStamps.Backdate(path, entries.Where(entry => entry.Mode != WorktreeIndex.Gitlink).Select(entry => entry.Path));
        WorktreeIndex.Write(Path.Combine(gitDirectory["gitdir: ".Length..], "index"), entries, files);

        // The files are the revision's blobs until something writes them: a search reads each blob once (KnownContents).
        TreeStamps.WaitPast(files.Values);
        KnownContents.Register(files, entries);
    }

    /// <summary>The suffix of a spent copy being turned into a squad's work tree, beside it.</summary>
    private const string FillingSuffix = ".filling";

    private async Task<TreeStamps?> WriteCopyAsync(
        string clone, string index, string path, string outputsFolder, string baseRevision, string head, CopySetUp? prepare, TreeStamps? spent, CancellationToken cancellationToken)
    {
        var outputs = KeepsSpareCopies ? setupOutputs : null;
        if (spent is not null)
        {
            try
            {
                return await new CopyWriter(git, clone, index, path, outputs, outputsFolder).WriteAsync(baseRevision, head, prepare, spent, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A spent copy a command left in a state that cannot be undone file by file: written whole instead.
                FileTree.Delete(path);
                FileTree.Delete(index);
            }
        }

        Directory.CreateDirectory(path);
        return await new CopyWriter(git, clone, index, path, outputs, outputsFolder).WriteAsync(baseRevision, head, prepare, null, cancellationToken);
    }

    /// <summary>A detached checkout of <paramref name="sha"/>, for the Diagnostician: nothing it does there can reach the branch.</summary>
    public async Task<Workspace> CreateDetachedAsync(RepositoryInfo repository, string sha, string name, CancellationToken cancellationToken = default)
    {
        var clone = await EnsureCloneAsync(repository, sha, cancellationToken);
        var path = PathFor(clone, repository, name);
        await WithLockAsync(clone, async () =>
        {
            await RemoveStaleAsync(clone, repository, name, cancellationToken);
            await git.RunAsync(clone, ["worktree", "add", "-q", "--no-checkout", "--detach", path, sha], cancellationToken: cancellationToken);
        });
        await git.RunAsync(path, ["reset", "-q", "--hard"], cancellationToken: cancellationToken);
        return new Workspace { Path = path, ClonePath = clone };
    }

    /// <summary>Removes the work tree and its local branch; the branch at the code host stays.</summary>
    public async Task RemoveAsync(Workspace workspace, CancellationToken cancellationToken = default)
    {
        if (workspace.IsCopy)
        {
            if (!TryKeepSpare(workspace))
            {
                FileTree.Delete(workspace.Path);
            }

            return;
        }

        await WithLockAsync(workspace.ClonePath, async () =>
        {
            // The folder is renamed aside and deleted in the background at the lowest priority (some thousand unlinks, which
            // the clone's lock need not wait for: a landing's fetch queues behind it); its registration, pointing at nothing
            // now, is forgotten here. Killed in between, the next run's sweep deletes the folder and forgets the rest.
            if (Directory.Exists(workspace.Path))
            {
                TreeDeletions.Start([workspace.Path]);
            }

            await RemoveStaleAsync(workspace.ClonePath, workspace.Path, forget: true, cancellationToken);
            if (workspace.Branch is not null)
            {
                // The ref alone: `branch -D` rewrites the clone's config even for a branch with no section in it, and the
                // next fetch would scrub the config again for that (Squad's branches have no upstream, above).
                await git.TryRunAsync(workspace.ClonePath, ["update-ref", "-d", "refs/heads/" + workspace.Branch], cancellationToken: cancellationToken);
            }
        });
    }

    /// <summary>
    /// The repository's <c>.squad.yml</c> as the base branch has it, read from the clone: a branch's own copy never governs
    /// its commands, its guardrails or its merge, on the first run or any resume.
    /// </summary>
    public async Task<RepositoryConfig> LoadBaseConfigAsync(RepositoryInfo repository, CancellationToken cancellationToken = default)
    {
        var clone = await EnsureCloneAsync(repository, cancellationToken);
        var spec = $"refs/remotes/origin/{repository.DefaultBranch}:{RepositoryConfig.FileName}";

        var found = (await git.ReadObjectsAsync(clone, [spec], cancellationToken))[0];
        if (found is null)
        {
            return new RepositoryConfig();
        }

        if (found.Type != "blob")
        {
            throw new SquadException(SquadErrorCode.InvalidConfiguration,
                $"{RepositoryConfig.FileName} of {repository.Name}@{repository.DefaultBranch} is a {found.Type}, not a file: make it a YAML file on the base branch");
        }

        var yaml = found.Text;
        return RepositoryConfigLoader.Parse(yaml, $"{RepositoryConfig.FileName} of {repository.Name}@{repository.DefaultBranch}");
    }

    /// <summary>
    /// <paramref name="objectId"/> was just written into <paramref name="clone"/>'s objects by Squad's own git (the staged
    /// tree a work tree of it wrote, a merge result built in it): held, so a copy of it needs neither git's look nor a fetch.
    /// </summary>
    public void NoteWritten(string clone, string objectId) => clones.Fetches.GetOrAdd(clone, _ => new CloneFetches()).Held(objectId);

    /// <summary>
    /// Fetches the code host's branches into the clone; makes (or remakes) the clone on first use. Concurrent callers share
    /// a fetch: each waits for one that started after it asked (so it sees everything pushed before it called), not for one
    /// fetch of its own: eight squads starting at once make one or two fetches, not eight in a row behind the lock.
    /// </summary>
    public Task<string> EnsureCloneAsync(RepositoryInfo repository, CancellationToken cancellationToken = default)
        => EnsureCloneAsync(repository, null, cancellationToken);

    /// <summary>The clone, fetched only when it does not hold <paramref name="objectId"/> (a commit or tree by its object id).</summary>
    public Task<string> EnsureCloneHoldingAsync(RepositoryInfo repository, string objectId, CancellationToken cancellationToken = default)
        => EnsureCloneAsync(repository, objectId, cancellationToken);

    /// <param name="repository">The repository.</param>
    /// <param name="needed">
    /// A commit or tree by its object id that the caller needs: when the clone already holds it, nothing is fetched (an
    /// object id names the same content forever; a copy of a pushed head made right after its review fetched needs no
    /// second fetch). A name (a branch) is always fetched: what it points to moves.
    /// </param>
    /// <param name="cancellationToken">Stops git.</param>
    private async Task<string> EnsureCloneAsync(RepositoryInfo repository, string? needed, CancellationToken cancellationToken)
    {
        var clone = ClonePath(repository.Name);
        var fetches = clones.Fetches.GetOrAdd(clone, _ => new CloneFetches());
        if (needed is not null && fetches.KnownHeld(needed) && clones.Checked.ContainsKey(clone) && !fetches.ConfigChanged(clone, repository.FetchUrl))
        {
            // Found there before, and the clone checked and as Squad left it: no git process, and no wait behind a fetch.
            return clone;
        }

        var ticket = fetches.Ask();
        await WithLockAsync(clone, async () =>
        {
            if (!clones.Checked.ContainsKey(clone))
            {
                await RecoverOnceAsync(clone, cancellationToken);
                if (!await builder.IsValidAsync(clone, repository.FetchUrl, cancellationToken))
                {
                    CloneBuilder.Discard(clone);
                    await builder.BuildAsync(clone, repository, gitEnvironment, cancellationToken);
                }

                clones.Checked[clone] = true;
            }

            // Nothing but Squad writes the clone; should anything have (its config file changed since Squad last set it),
            // its config runs nothing and fetches from the right place.
            if (fetches.ConfigChanged(clone, repository.FetchUrl))
            {
                await GitConfigScrubber.ScrubAsync(git, clone, cancellationToken);
                await git.RunAsync(clone, ["config", "--local", "remote.origin.url", repository.FetchUrl], cancellationToken: cancellationToken);
                fetches.ConfigSet(clone, repository.FetchUrl);
            }

            if (fetches.Covered(ticket))
            {
                return;
            }

            if (needed is not null && await HoldsAsync(clone, needed, cancellationToken))
            {
                fetches.Held(needed);
                return;
            }

            var upTo = fetches.Start();
            await git.RunAsync(clone, fetches.Maintains() ? [.. GitCli.MaintainedFetch, "fetch", "-q", "--prune", "origin"] : ["fetch", "-q", "--prune", "--no-auto-maintenance", "origin"],
                extraEnvironment: gitEnvironment, cancellationToken: cancellationToken);
            fetches.Done(upTo);
        });
        return clone;
    }

    /// <summary>
    /// Removes the work trees and copies under the work trees folder that no running squad uses, their registrations in the
    /// clones, and local branches no work tree holds. With no <paramref name="squadId"/>, everything: at the start of a
    /// milestone run, when this process alone holds the data directory. With one, that squad's folders only (its own,
    /// its reviewers', the Diagnostician's, the gate's and the command copies: all named after the issue), when it
    /// settles without work. Best effort: a folder that cannot go now is rebuilt when its name is next used.
    /// </summary>
    public async Task RemoveLeftoversAsync(string? squadId = null, CancellationToken cancellationToken = default)
    {
        var prefix = squadId is null ? null : Sanitize(squadId);
        if (prefix is null)
        {
            DropSpares();
        }

        foreach (var root in Roots.Where(Directory.Exists))
        {
            foreach (var entry in Directory.EnumerateDirectories(root).SelectMany(Directory.EnumerateFileSystemEntries).ToList())
            {
                if (prefix is null || BelongsTo(Path.GetFileName(entry), prefix))
                {
                    FileTree.TryDelete(entry);
                }
            }
        }

        if (!Directory.Exists(clonesDirectory))
        {
            return;
        }

        foreach (var clone in Directory.GetDirectories(clonesDirectory, "*.git"))
        {
            await WithLockAsync(clone, async () =>
            {
                if (!await RecoverOnceAsync(clone, cancellationToken))
                {
                    await repair.PruneAsync(clone, cancellationToken);
                }
            });
        }
    }

    /// <summary>Once per clone for this manager, before any of its git commands there: clears what a killed process left. True when it ran now.</summary>
    private async Task<bool> RecoverOnceAsync(string clone, CancellationToken cancellationToken)
    {
        if (!clones.Recovered.TryAdd(clone, true))
        {
            return false;
        }

        CloneBuilder.DeleteTemporaries(clone);
        if (Directory.Exists(Path.Combine(clone, "refs")))
        {
            await repair.RecoverAsync(clone, cancellationToken);
        }

        return true;
    }

    /// <summary>Whether <paramref name="revision"/> is an object id (not a name) that the clone holds.</summary>
    private async Task<bool> HoldsAsync(string clone, string revision, CancellationToken cancellationToken)
        => GitCli.IsObjectId(revision)
            && (await git.TryRunAsync(clone, ["cat-file", "-e", revision], cancellationToken: cancellationToken)).Succeeded;

    private static bool BelongsTo(string name, string squadId)
        => name == squadId || name.StartsWith(squadId + "-", StringComparison.Ordinal) || name.StartsWith(squadId + ".", StringComparison.Ordinal);

    private string ClonePath(string repositoryName) => Path.Combine(clonesDirectory, Sanitize(repositoryName) + ".git");

    /// <summary>Where the trees go, memory first: the folders the sweeps clear.</summary>
    private IEnumerable<string> Roots => memory is null ? [worktreesDirectory] : [memory.Directory, worktreesDirectory];

    /// <summary>The path of a new tree named <paramref name="name"/>: in memory while it has room for one more, else on disk.</summary>
    private string PathFor(string clone, RepositoryInfo repository, string name)
        => TreePath(memory is not null && memory.HasRoomFor(Footprint(clone)) ? memory.Directory : worktreesDirectory, repository, name);

    /// <summary>Every path a tree of that name may have: in memory and on disk.</summary>
    private IEnumerable<string> PathsOf(RepositoryInfo repository, string name) => Roots.Select(root => TreePath(root, repository, name));

    private static string TreePath(string root, RepositoryInfo repository, string name) => Path.Combine(root, Sanitize(repository.Name), Sanitize(name));

    /// <summary>What one tree of the clone is assumed to take, with its commands' outputs; measured once per clone.</summary>
    private long Footprint(string clone)
        => footprints.GetOrAdd(clone, static path =>
        {
            var pack = Path.Combine(path, "objects", "pack");
            var packed = Directory.Exists(pack) ? new DirectoryInfo(pack).EnumerateFiles("*.pack").Sum(file => file.Length) : 0;
            return Math.Max(MinimumFootprint, packed * FootprintPerPackedByte);
        });

    /// <summary>
    /// Clears the name <paramref name="name"/> for a new work tree, in memory and on disk: the folder, whatever git has
    /// registered for it, and any registration a killed <c>worktree add</c> left locked. Rebuilding beats moving a
    /// finished tree into place: the registration exists from the first step of <c>worktree add</c> either way, and
    /// setup may write absolute paths.
    /// </summary>
    private async Task RemoveStaleAsync(string clone, RepositoryInfo repository, string name, CancellationToken cancellationToken)
    {
        foreach (var path in PathsOf(repository, name))
        {
            await RemoveStaleAsync(clone, path, forget: false, cancellationToken);
            FileTree.Delete(path + FillingSuffix);
            FileTree.Delete(path + FillingSuffix + ".index");
        }

        // A registration left at one of these paths (its folder deleted, or a killed add's) would make git refuse the add;
        // any other broken one is the next run's sweep's (RemoveLeftoversAsync) to forget.
        if (CloneRepair.MayRegister(clone, PathsOf(repository, name)))
        {
            await repair.ForgetBrokenAsync(clone, cancellationToken);
        }
    }

    private async Task RemoveStaleAsync(string clone, string path, bool forget, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path))
        {
            await git.TryRunAsync(clone, ["worktree", "remove", "--force", "--force", path], cancellationToken: cancellationToken);
        }

        FileTree.Delete(path);
        if (forget)
        {
            await repair.ForgetBrokenAsync(clone, cancellationToken);
        }
    }

    private async Task WithLockAsync(string clone, Func<Task> action)
    {
        var gate = clones.Locks.GetOrAdd(clone, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync();
        try
        {
            await action();
        }
        finally
        {
            gate.Release();
        }
    }

    private static string Sanitize(string name)
        => string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-'));
}
