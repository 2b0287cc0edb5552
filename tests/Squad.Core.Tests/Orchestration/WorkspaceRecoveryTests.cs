using Squad.Core.Git;
using Squad.Core.Orchestration;

namespace Squad.Core.Tests.Orchestration;

/// <summary>What a <c>kill -9</c> of an earlier process leaves in the data directory, and the next process healing it.</summary>
public sealed class WorkspaceRecoveryTests
{
    private readonly GitCli git = new();

    [Theory]
    [InlineData("empty folder")]
    [InlineData("bare repository without origin")]
    [InlineData("origin pointing elsewhere")]
    public async Task EnsureCloneAsync_RebuildsAFolderThatIsNotTheClone_AndFetches(string state)
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["a.txt"] = "a\n" });
        var clone = Path.Combine(origin.Clones, "origin.git");
        Directory.CreateDirectory(clone);
        if (state != "empty folder")
        {
            await git.RunAsync(clone, ["init", "-q", "--bare"]);
            await git.RunAsync(clone, ["fetch", "-q", origin.Path, "main:refs/remotes/origin/stray"]);
        }

        if (state == "origin pointing elsewhere")
        {
            await git.RunAsync(clone, ["remote", "add", "origin", Path.Combine(origin.Root, "elsewhere")]);
        }

        var workspaces = new WorkspaceManager(git, origin.Clones, origin.Worktrees);

        var made = await workspaces.EnsureCloneAsync(origin.Info);

        Assert.Equal(clone, made);
        Assert.Equal(await git.RevParseAsync(origin.Path, "HEAD"), await git.RevParseAsync(clone, "refs/remotes/origin/main"));
        Assert.Null(await git.TryRevParseAsync(clone, "refs/remotes/origin/stray"));
        Assert.Equal(origin.Path, (await git.RunAsync(clone, ["config", "--get", "remote.origin.url"])).Trim());
        Assert.Equal([clone], Directory.GetFileSystemEntries(origin.Clones));
    }

    [Fact]
    public async Task EnsureCloneAsync_RemovesLocksAKilledFetchLeft_AndFetches()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["a.txt"] = "a\n" });
        var clone = await new WorkspaceManager(git, origin.Clones, origin.Worktrees).EnsureCloneAsync(origin.Info);
        var next = await origin.CommitAsync(new Dictionary<string, string?> { ["a.txt"] = "b\n" }, "next");
        var locks = new[] { Path.Combine(clone, "refs", "remotes", "origin", "main.lock"), Path.Combine(clone, "packed-refs.lock") };
        foreach (var file in locks)
        {
            await File.WriteAllTextAsync(file, "");
        }

        await new WorkspaceManager(git, origin.Clones, origin.Worktrees).EnsureCloneAsync(origin.Info);

        Assert.Equal(next, await git.RevParseAsync(clone, "refs/remotes/origin/main"));
        Assert.All(locks, file => Assert.False(File.Exists(file)));
    }

    [Fact]
    public async Task CreateAsync_AtAPathStillRegisteredWhoseFolderIsGone_ForgetsItAndWorks()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["a.txt"] = "a\n" });
        // One manager throughout: its first use of the clone (which repairs everything) is over before the folder goes.
        var workspaces = new WorkspaceManager(git, origin.Clones, origin.Worktrees);
        var clone = await workspaces.EnsureCloneAsync(origin.Info);
        var path = Path.Combine(origin.Worktrees, "origin", "X-1");
        await git.RunAsync(clone, ["worktree", "add", "-q", "-B", "squad/x", path, "refs/remotes/origin/main"]);
        Directory.Delete(path, recursive: true);

        var workspace = await workspaces.CreateAsync(origin.Info, "squad/x", "X-1");

        Assert.Equal("a\n", await File.ReadAllTextAsync(Path.Combine(workspace.Path, "a.txt")));
        var listing = await git.RunAsync(clone, ["worktree", "list", "--porcelain"]);
        Assert.Single(listing.Split('\n'), line => line.StartsWith("worktree ", StringComparison.Ordinal) && line.EndsWith("X-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateAsync_EightSquadsAtOnce_EachGetsItsRegisteredWorkTree()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["a.txt"] = "a\n" });
        var workspaces = new WorkspaceManager(git, origin.Clones, origin.Worktrees);
        var clone = await workspaces.EnsureCloneAsync(origin.Info);

        var created = await Task.WhenAll(Enumerable.Range(1, 8).Select(n => workspaces.CreateAsync(origin.Info, $"squad/x{n}", $"X-{n}")));

        var listing = await git.RunAsync(clone, ["worktree", "list", "--porcelain"]);
        Assert.All(created, workspace => Assert.Equal("a\n", File.ReadAllText(Path.Combine(workspace.Path, "a.txt"))));
        Assert.Equal(8, listing.Split('\n').Count(line => line.StartsWith("branch refs/heads/squad/x", StringComparison.Ordinal)));
        Assert.DoesNotContain("locked", listing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_AtTheNameOfAWorkTreeAKilledWorktreeAddLeftLocked_Works()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["a.txt"] = "a\n", ["b.txt"] = "b\n" });
        var clone = await new WorkspaceManager(git, origin.Clones, origin.Worktrees).EnsureCloneAsync(origin.Info);
        var path = Path.Combine(origin.Worktrees, "origin", "X-1");
        // What `worktree add` leaves when killed during its checkout: the entry locked "initializing", the tree half there.
        await git.RunAsync(clone, ["worktree", "add", "-q", "--lock", "--reason", "initializing", "-B", "squad/x", path, "refs/remotes/origin/main"]);
        File.Delete(Path.Combine(path, "b.txt"));
        await File.WriteAllTextAsync(Path.Combine(clone, "worktrees", "X-1", "index.lock"), "");
        var next = await origin.CommitAsync(new Dictionary<string, string?> { ["a.txt"] = "next\n" }, "next");
        var workspaces = new WorkspaceManager(git, origin.Clones, origin.Worktrees);

        var workspace = await workspaces.CreateAsync(origin.Info, "squad/x", "X-1");

        Assert.Equal(path, workspace.Path);
        Assert.Equal(next, await git.RevParseAsync(workspace.Path, "HEAD"));
        Assert.Equal("b\n", await File.ReadAllTextAsync(Path.Combine(path, "b.txt")));
        Assert.Equal("", (await git.RunAsync(path, ["status", "--porcelain"])).Trim());
        var listing = await git.RunAsync(clone, ["worktree", "list", "--porcelain"]);
        Assert.DoesNotContain("locked", listing, StringComparison.Ordinal);
        Assert.Single(listing.Split('\n'), line => line.StartsWith("worktree ", StringComparison.Ordinal) && line.EndsWith("X-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EnsureCloneAsync_DeletesLocalBranchesNoWorkTreeHolds()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["a.txt"] = "a\n" });
        var first = new WorkspaceManager(git, origin.Clones, origin.Worktrees);
        var held = await first.CreateAsync(origin.Info, "squad/held", "H-1");
        var clone = held.ClonePath;
        await git.RunAsync(clone, ["branch", "squad/loose", "refs/remotes/origin/main"]);

        await new WorkspaceManager(git, origin.Clones, origin.Worktrees).EnsureCloneAsync(origin.Info);

        Assert.Equal("refs/heads/squad/held", (await git.RunAsync(clone, ["for-each-ref", "--format=%(refname)", "refs/heads/"])).Trim());
        Assert.True(File.Exists(Path.Combine(held.Path, "a.txt")));
    }

    [Fact]
    public async Task RemoveLeftoversAsync_WithoutASquad_RemovesEveryWorkTreeCopyAndBranch()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["a.txt"] = "a\n" });
        var head = await git.RevParseAsync(origin.Path, "HEAD");
        var killed = new WorkspaceManager(git, origin.Clones, origin.Worktrees);
        var squad = await killed.CreateAsync(origin.Info, "squad/a", "A-1");
        await killed.CreateDetachedAsync(origin.Info, head, "A-1-code-reviewer");
        await killed.CreateCopyAsync(origin.Info, head, head, "B-2-gate");
        await File.WriteAllTextAsync(Path.Combine(origin.Worktrees, "origin", "B-2-qa-specialist-commands.index"), "");

        await new WorkspaceManager(git, origin.Clones, origin.Worktrees).RemoveLeftoversAsync();

        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(origin.Worktrees, "origin")));
        Assert.Equal("", (await git.RunAsync(squad.ClonePath, ["for-each-ref", "refs/heads/"])).Trim());
        var listing = await git.RunAsync(squad.ClonePath, ["worktree", "list", "--porcelain"]);
        Assert.Single(listing.Split('\n'), line => line.StartsWith("worktree ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RemoveLeftoversAsync_ForASettledSquad_RemovesItsFoldersOnly()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["a.txt"] = "a\n" });
        var head = await git.RevParseAsync(origin.Path, "HEAD");
        var workspaces = new WorkspaceManager(git, origin.Clones, origin.Worktrees);
        var settled = await workspaces.CreateAsync(origin.Info, "squad/a-1", "A-1");
        var reviewer = await workspaces.CreateDetachedAsync(origin.Info, head, "A-1-qa-specialist");
        var gate = await workspaces.CreateCopyAsync(origin.Info, head, head, "A-1-gate");
        var running = await workspaces.CreateAsync(origin.Info, "squad/a-10", "A-10");

        await workspaces.RemoveLeftoversAsync("A-1");

        Assert.All(new[] { settled.Path, reviewer.Path, gate.Path }, path => Assert.False(Directory.Exists(path)));
        Assert.True(File.Exists(Path.Combine(running.Path, "a.txt")));
        Assert.Equal("refs/heads/squad/a-10", (await git.RunAsync(running.ClonePath, ["for-each-ref", "--format=%(refname)", "refs/heads/"])).Trim());
        Assert.Equal(2, (await git.RunAsync(running.ClonePath, ["worktree", "list", "--porcelain"])).Split('\n').Count(l => l.StartsWith("worktree ", StringComparison.Ordinal)));
    }
}
