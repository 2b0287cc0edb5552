using Squad.Core.Git;
using Squad.Core.Orchestration;

namespace Squad.Core.Tests.Orchestration;

/// <summary>
/// An object the clone was found to hold is not looked up again (no git process, no wait behind the clone's lock), but
/// only while the clone's config is as Squad left it: config planted meanwhile is scrubbed before anything else runs.
/// And a work tree removed goes from its place and from git at once, its files after, in the background.
/// </summary>
public sealed class CloneHoldingTests
{
    private readonly GitCli git = new();

    [Fact]
    public void KnownHeld_OnlyAnObjectFoundBefore()
    {
        var fetches = new CloneFetches();

        Assert.False(fetches.KnownHeld("a1"));
        fetches.Held("a1");

        Assert.True(fetches.KnownHeld("a1"));
        Assert.False(fetches.KnownHeld("b2"));
    }

    [Fact]
    public async Task EnsureCloneHoldingAsync_AnObjectFoundBefore_AConfigPlantedSinceIsStillScrubbed()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["a.txt"] = "a\n" });
        var head = (await origin.GitAsync("rev-parse", "HEAD")).Trim();
        var workspaces = new WorkspaceManager(git, origin.Clones, origin.Worktrees, registry: new CloneRegistry());
        var clone = await workspaces.EnsureCloneHoldingAsync(origin.Info, head);
        await workspaces.EnsureCloneHoldingAsync(origin.Info, head);
        await git.RunAsync(clone, ["config", "--local", "core.sshCommand", "touch /tmp/evil"]);
        await git.RunAsync(clone, ["config", "--local", "filter.evil.clean", "touch /tmp/evil"]);

        await workspaces.EnsureCloneHoldingAsync(origin.Info, head);

        var left = await git.RunAsync(clone, ["config", "--local", "--list"]);
        Assert.DoesNotContain("evil", left, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureCloneHoldingAsync_AnObjectTheCloneLacks_IsFetched()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["a.txt"] = "a\n" });
        var workspaces = new WorkspaceManager(git, origin.Clones, origin.Worktrees, registry: new CloneRegistry());
        var clone = await workspaces.EnsureCloneHoldingAsync(origin.Info, (await origin.GitAsync("rev-parse", "HEAD")).Trim());
        var later = await origin.CommitAsync(new Dictionary<string, string?> { ["b.txt"] = "b\n" }, "b");

        await workspaces.EnsureCloneHoldingAsync(origin.Info, later);

        Assert.Equal(later, (await git.RunAsync(clone, ["rev-parse", "refs/remotes/origin/main"])).Trim());
    }

    [Fact]
    public async Task RemoveAsync_AWorkTree_LeavesItsPlaceAndGitAtOnce_ItsFilesAreDeletedAfter()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["a.txt"] = "a\n" });
        var workspaces = new WorkspaceManager(git, origin.Clones, origin.Worktrees, registry: new CloneRegistry());
        var workspace = await workspaces.CreateAsync(origin.Info, "squad/x", "X-1");
        var folder = Path.GetDirectoryName(workspace.Path)!;

        await workspaces.RemoveAsync(workspace);

        Assert.False(Directory.Exists(workspace.Path));
        var listing = await git.RunAsync(workspace.ClonePath, ["worktree", "list", "--porcelain"]);
        Assert.DoesNotContain("X-1", listing, StringComparison.Ordinal);
        Assert.Empty((await git.RunAsync(workspace.ClonePath, ["branch", "--list", "squad/x"])).Trim());
        await TreeDeletions.WaitAsync();
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
    }

    [Fact]
    public async Task RemoveLeftoversAsync_AWorkTreeSetAsideWhenTheProcessWasKilled_IsDeleted()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["a.txt"] = "a\n" });
        var killed = new WorkspaceManager(git, origin.Clones, origin.Worktrees, registry: new CloneRegistry());
        var workspace = await killed.CreateAsync(origin.Info, "squad/x", "X-1");
        // What a kill between the rename and the background deletion leaves: the folder aside, its registration broken.
        var aside = Path.Combine(Path.GetDirectoryName(workspace.Path)!, TreeDeletions.Prefix + "0123456789abcdef");
        Directory.Move(workspace.Path, aside);

        await new WorkspaceManager(git, origin.Clones, origin.Worktrees, registry: new CloneRegistry()).RemoveLeftoversAsync();

        Assert.False(Directory.Exists(aside));
        var listing = await git.RunAsync(workspace.ClonePath, ["worktree", "list", "--porcelain"]);
        Assert.DoesNotContain("X-1", listing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateCopyAsync_OnABaseByObjectIdTheCloneHasNotFetched_FetchesIt()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["a.txt"] = "a\n" });
        var head = (await origin.GitAsync("rev-parse", "HEAD")).Trim();
        var workspaces = new WorkspaceManager(git, origin.Clones, origin.Worktrees, registry: new CloneRegistry());
        await workspaces.EnsureCloneHoldingAsync(origin.Info, head);
        // A main the code host made after the clone's last fetch (the merge queue's last landing is one).
        var landed = await origin.CommitAsync(new Dictionary<string, string?> { ["b.txt"] = "b\n" }, "landed");

        var copy = await workspaces.CreateCopyAsync(origin.Info, landed, head, "X-1-queue", prepare: _ => Task.CompletedTask);

        Assert.Equal("a\n", await File.ReadAllTextAsync(Path.Combine(copy.Path, "a.txt")));
        Assert.False(File.Exists(Path.Combine(copy.Path, "b.txt")));
        await workspaces.RemoveAsync(copy);
    }
}
