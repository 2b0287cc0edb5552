using System.Runtime.Versioning;
using Squad.Core.Git;
using Squad.Core.Orchestration;

namespace Squad.Core.Tests.Orchestration;

/// <summary>Work trees and copies in memory while it has room, on disk otherwise; the memory folder private and swept.</summary>
[SupportedOSPlatform("linux")]
public sealed class WorktreeMemoryTests
{
    private readonly GitCli git = new();

    [Fact]
    public async Task Trees_GoInMemoryWhileItHasRoom_AndOnDiskOnceItHasNot()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["a.txt"] = "a\n" });
        var sha = await git.RevParseAsync(origin.Path, "HEAD");
        var inMemory = Path.Combine(origin.Root, "memory");
        var free = 64L << 30;
        var workspaces = new WorkspaceManager(git, origin.Clones, origin.Worktrees, memory: new WorktreeMemory(inMemory, () => free));

        var tree = await workspaces.CreateAsync(origin.Info, "squad/X-1", "X-1");
        var copy = await workspaces.CreateCopyAsync(origin.Info, sha, sha, "X-1-copy");
        free = WorktreeMemory.DefaultReserve;
        var reading = await workspaces.CreateDetachedAsync(origin.Info, sha, "X-1-read");

        Assert.StartsWith(inMemory + "/", tree.Path, StringComparison.Ordinal);
        Assert.StartsWith(inMemory + "/", copy.Path, StringComparison.Ordinal);
        Assert.StartsWith(origin.Worktrees + "/", reading.Path, StringComparison.Ordinal);
        Assert.Equal("a\n", await File.ReadAllTextAsync(Path.Combine(tree.Path, "a.txt")));
        Assert.Equal("a\n", await File.ReadAllTextAsync(Path.Combine(copy.Path, "a.txt")));
        Assert.Equal("a\n", await File.ReadAllTextAsync(Path.Combine(reading.Path, "a.txt")));
        foreach (var workspace in (Workspace[])[tree, copy, reading])
        {
            await workspaces.RemoveAsync(workspace);
            Assert.False(Directory.Exists(workspace.Path));
        }
    }

    [Fact]
    public async Task ANameLeftInMemoryByAKilledRun_IsClearedThereWhenItsNextTreeGoesToDisk()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["a.txt"] = "a\n" });
        var sha = await git.RevParseAsync(origin.Path, "HEAD");
        var inMemory = Path.Combine(origin.Root, "memory");
        var killed = new WorkspaceManager(git, origin.Clones, origin.Worktrees, memory: new WorktreeMemory(inMemory, () => 64L << 30));
        var left = await killed.CreateAsync(origin.Info, "squad/X-1", "X-1");
        var leftCopy = await killed.CreateCopyAsync(origin.Info, sha, sha, "X-1-copy");

        var next = new WorkspaceManager(git, origin.Clones, origin.Worktrees, memory: new WorktreeMemory(inMemory, () => 0));
        var tree = await next.CreateAsync(origin.Info, "squad/X-1", "X-1");
        var copy = await next.CreateCopyAsync(origin.Info, sha, sha, "X-1-copy");

        Assert.StartsWith(origin.Worktrees + "/", tree.Path, StringComparison.Ordinal);
        Assert.StartsWith(origin.Worktrees + "/", copy.Path, StringComparison.Ordinal);
        Assert.False(Directory.Exists(left.Path));
        Assert.False(Directory.Exists(leftCopy.Path));
        var registered = await git.RunAsync(tree.ClonePath, ["worktree", "list", "--porcelain"]);
        Assert.DoesNotContain(inMemory, registered, StringComparison.Ordinal);
        Assert.Contains(tree.Path, registered, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemoveLeftovers_ClearsTreesInMemoryAndOnDisk()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["a.txt"] = "a\n" });
        var sha = await git.RevParseAsync(origin.Path, "HEAD");
        var inMemory = Path.Combine(origin.Root, "memory");
        var free = 64L << 30;
        var killed = new WorkspaceManager(git, origin.Clones, origin.Worktrees, memory: new WorktreeMemory(inMemory, () => free));
        var inMemoryTree = await killed.CreateAsync(origin.Info, "squad/X-1", "X-1");
        free = 0;
        var onDiskCopy = await killed.CreateCopyAsync(origin.Info, sha, sha, "X-2-copy");

        await new WorkspaceManager(git, origin.Clones, origin.Worktrees, memory: new WorktreeMemory(inMemory, () => 0)).RemoveLeftoversAsync();

        Assert.False(Directory.Exists(inMemoryTree.Path));
        Assert.False(Directory.Exists(onDiskCopy.Path));
        var registered = await git.RunAsync(inMemoryTree.ClonePath, ["worktree", "list", "--porcelain"]);
        Assert.DoesNotContain("X-1", registered, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_MakesAPrivateFolderNamingItsDataDirectory()
    {
        using var scratch = new Scratch();
        var data = scratch.Folder("data");

        var memory = WorktreeMemory.OpenIn(scratch.Shm, data, () => 64L << 30, out var reason);

        Assert.NotNull(memory);
        Assert.Equal($"in memory ({memory.Directory})", reason);
        Assert.Equal(WorktreeMemory.TreesFolder(data, scratch.Shm), memory.Directory);
        var folder = Path.GetDirectoryName(memory.Directory)!;
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        Assert.Equal(Path.GetFullPath(data), File.ReadAllText(Path.Combine(folder, "data-dir")));
        Assert.True(memory.HasRoomFor(1L << 30));
        Assert.False(memory.HasRoomFor(61L << 30));
    }

    [Fact]
    public void Open_AFolderOthersMayEnterOrALinkAtItsName_KeepsTheTreesOnDisk()
    {
        using var scratch = new Scratch();
        var open = scratch.Folder("open");
        var folder = Path.GetDirectoryName(WorktreeMemory.TreesFolder(open, scratch.Shm))!;
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_111_111);
        var linked = scratch.Folder("linked");
        var elsewhere = scratch.Folder("elsewhere");
        File.SetUnixFileMode(elsewhere, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.CreateSymbolicLink(Path.GetDirectoryName(WorktreeMemory.TreesFolder(linked, scratch.Shm))!, elsewhere);

        Assert.Null(WorktreeMemory.OpenIn(scratch.Shm, open, () => 64L << 30, out var openReason));
        Assert.Null(WorktreeMemory.OpenIn(scratch.Shm, linked, () => 64L << 30, out var linkReason));

        Assert.Equal($"on disk ({folder} may be entered by other users)", openReason);
        Assert.EndsWith("is not a folder)", linkReason, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(elsewhere));
    }

    [Fact]
    public void Open_RemovesTheMemoryFoldersOfDataDirectoriesThatAreGone()
    {
        using var scratch = new Scratch();
        var gone = scratch.Folder("gone");
        var kept = scratch.Folder("kept");
        var goneTrees = WorktreeMemory.OpenIn(scratch.Shm, gone, () => 64L << 30, out _)!.Directory;
        var keptTrees = WorktreeMemory.OpenIn(scratch.Shm, kept, () => 64L << 30, out _)!.Directory;
        Directory.CreateDirectory(Path.Combine(goneTrees, "repo", "X-1"));
        Directory.Delete(gone);

        Assert.NotNull(WorktreeMemory.OpenIn(scratch.Shm, scratch.Folder("third"), () => 64L << 30, out _));

        Assert.False(Directory.Exists(Path.GetDirectoryName(goneTrees)));
        Assert.True(Directory.Exists(keptTrees));
    }

    [Fact]
    public void Open_DiskOrABadSetting()
    {
        Assert.Null(WorktreeMemory.Open("/tmp/data", "disk", out var reason));
        Assert.Equal("on disk (SQUAD_WORKTREES=disk)", reason);
        var error = Assert.Throws<SquadException>(() => WorktreeMemory.Open("/tmp/data", "ram", out _));
        Assert.Equal("SQUAD_WORKTREES is 'ram': set it to auto (in memory while there is room) or disk", error.Message);
        Assert.Null(WorktreeMemory.Open("/tmp/data", null, out var notTmpfs, shm: Path.GetTempPath()));
        Assert.StartsWith("on disk (", notTmpfs, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_OnDisk_GivesTheFolderAnEarlierRunLeftInMemory_OnlyToBeCleared()
    {
        using var scratch = new Scratch();
        var data = scratch.Folder("data");
        Assert.Null(WorktreeMemory.Open(data, "disk", out _, shm: scratch.Shm));
        var earlier = WorktreeMemory.OpenIn(scratch.Shm, data, () => 64L << 30, out _)!;

        var left = WorktreeMemory.Open(data, "disk", out var reason, shm: scratch.Shm);

        Assert.NotNull(left);
        Assert.Equal("on disk (SQUAD_WORKTREES=disk)", reason);
        Assert.Equal(earlier.Directory, left.Directory);
        Assert.True(earlier.TakesTrees);
        Assert.False(left.TakesTrees);
        Assert.False(left.HasRoomFor(0));
    }

    private sealed class Scratch : IDisposable
    {
        private readonly string root = Path.Combine(Path.GetTempPath(), "squad-memory-" + Guid.NewGuid().ToString("N")[..12]);

        public Scratch()
        {
            Directory.CreateDirectory(Shm);
        }

        public string Shm => Path.Combine(root, "shm");

        public string Folder(string name) => Directory.CreateDirectory(Path.Combine(root, name)).FullName;

        public void Dispose() => Directory.Delete(root, recursive: true);
    }
}
