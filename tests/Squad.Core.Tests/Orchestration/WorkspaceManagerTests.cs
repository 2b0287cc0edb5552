using Squad.Core.Git;
using Squad.Core.Orchestration;

namespace Squad.Core.Tests.Orchestration;

public sealed class WorkspaceManagerTests
{
    private readonly GitCli git = new();

    [Fact]
    public async Task CreateCopyAsync_SetsUpOnBaseContent_ThenHoldsExactlyTheHead_WithoutGitMetadata()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["keep.txt"] = "base\n", ["gone.txt"] = "old\n", ["manifest"] = "base deps\n" });
        var baseSha = await git.RevParseAsync(origin.Path, "HEAD");
        await origin.GitAsync("checkout", "-q", "-b", "feature");
        var head = await origin.CommitAsync(new Dictionary<string, string?> { ["keep.txt"] = "head\n", ["gone.txt"] = null, ["new.txt"] = "new\n", ["manifest"] = "agent deps\n" }, "feature");
        var workspaces = new WorkspaceManager(git, origin.Clones, origin.Worktrees);
        string? seenBySetup = null;

        var copy = await workspaces.CreateCopyAsync(origin.Info, baseSha, head, "copy", async path =>
        {
            seenBySetup = await File.ReadAllTextAsync(Path.Combine(path, "manifest"));
            await File.WriteAllTextAsync(Path.Combine(path, "restored.txt"), "packages\n");
        });

        Assert.Equal("base deps\n", seenBySetup);
        Assert.Equal("head\n", await File.ReadAllTextAsync(Path.Combine(copy.Path, "keep.txt")));
        Assert.Equal("new\n", await File.ReadAllTextAsync(Path.Combine(copy.Path, "new.txt")));
        Assert.Equal("agent deps\n", await File.ReadAllTextAsync(Path.Combine(copy.Path, "manifest")));
        Assert.False(File.Exists(Path.Combine(copy.Path, "gone.txt")));
        Assert.True(File.Exists(Path.Combine(copy.Path, "restored.txt")));
        Assert.False(Path.Exists(Path.Combine(copy.Path, ".git")));

        await workspaces.RemoveAsync(copy);
        Assert.False(Directory.Exists(copy.Path));
    }

    [Fact]
    public async Task CreateCopyAsync_SetUpRewritesOrRemovesTrackedFilesTheHeadKeeps_TheCopyStillHoldsTheHeadsFiles()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?>
        {
            ["lock.json"] = "pinned\n",
            ["kept.txt"] = "kept\n",
            ["changed.txt"] = "base\n",
            ["dropped.txt"] = "base\n",
        });
        var baseSha = await git.RevParseAsync(origin.Path, "HEAD");
        await origin.GitAsync("checkout", "-q", "-b", "feature");
        var head = await origin.CommitAsync(new Dictionary<string, string?> { ["changed.txt"] = "head\n", ["dropped.txt"] = null }, "feature");
        var workspaces = new WorkspaceManager(git, origin.Clones, origin.Worktrees);
        var outside = Path.Combine(origin.Worktrees, "outside.txt");
        Directory.CreateDirectory(origin.Worktrees);
        await File.WriteAllTextAsync(outside, "untouched\n");

        var copy = await workspaces.CreateCopyAsync(origin.Info, baseSha, head, "copy", async path =>
        {
            await File.WriteAllTextAsync(Path.Combine(path, "lock.json"), "floated\n");
            File.Delete(Path.Combine(path, "kept.txt"));
            await File.WriteAllTextAsync(Path.Combine(path, "dropped.txt"), "set up\n");

            // A set-up that leaves a link where the head writes must not have the head's content written through it.
            File.Delete(Path.Combine(path, "changed.txt"));
            File.CreateSymbolicLink(Path.Combine(path, "changed.txt"), outside);
        });

        Assert.Equal("pinned\n", await File.ReadAllTextAsync(Path.Combine(copy.Path, "lock.json")));
        Assert.Equal("kept\n", await File.ReadAllTextAsync(Path.Combine(copy.Path, "kept.txt")));
        Assert.Equal("head\n", await File.ReadAllTextAsync(Path.Combine(copy.Path, "changed.txt")));
        Assert.Null(new FileInfo(Path.Combine(copy.Path, "changed.txt")).LinkTarget);
        Assert.False(File.Exists(Path.Combine(copy.Path, "dropped.txt")));
        Assert.Equal("untouched\n", await File.ReadAllTextAsync(outside));
        await workspaces.RemoveAsync(copy);
    }

    [Fact]
    public async Task EnsureCloneAsync_ManyCallersAtOnce_ShareFetches_AndEachSeesWhatWasPushedBeforeItCalled()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["a.txt"] = "a\n" });
        var workspaces = new WorkspaceManager(git, origin.Clones, origin.Worktrees);
        var clone = await workspaces.EnsureCloneAsync(origin.Info);
        var pushed = await origin.CommitAsync(new Dictionary<string, string?> { ["a.txt"] = "b\n" }, "later");

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => workspaces.EnsureCloneAsync(origin.Info)));

        Assert.Equal(pushed, await git.RevParseAsync(clone, "refs/remotes/origin/main"));
        var again = await origin.CommitAsync(new Dictionary<string, string?> { ["a.txt"] = "c\n" }, "after");
        await workspaces.EnsureCloneAsync(origin.Info);
        Assert.Equal(again, await git.RevParseAsync(clone, "refs/remotes/origin/main"));
    }

    [Fact]
    public async Task EnsureCloneHoldingAsync_FetchesOnlyWhenTheCloneLacksTheCommit_SoAQueuePredictionBuildsOnWhatJustLanded()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["a.txt"] = "a\n" });
        var workspaces = new WorkspaceManager(git, origin.Clones, origin.Worktrees);
        var clone = await workspaces.EnsureCloneAsync(origin.Info);
        var known = await git.RevParseAsync(clone, "refs/remotes/origin/main");
        var landed = await origin.CommitAsync(new Dictionary<string, string?> { ["a.txt"] = "landed\n" }, "a landing");

        // Held already: no fetch, origin/main stays where the clone had it.
        await workspaces.EnsureCloneHoldingAsync(origin.Info, known);
        Assert.Equal(known, await git.RevParseAsync(clone, "refs/remotes/origin/main"));

        // Not held: fetched, and origin/main now holds the landing.
        await workspaces.EnsureCloneHoldingAsync(origin.Info, landed);
        Assert.Equal(landed, await git.RevParseAsync(clone, "refs/remotes/origin/main"));
    }

    [Fact]
    public async Task EnsureCloneAsync_ConfigPlantedBetweenUses_IsScrubbedBeforeTheNextGitCommand()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["a.txt"] = "a\n" });
        var workspaces = new WorkspaceManager(git, origin.Clones, origin.Worktrees);
        var clone = await workspaces.EnsureCloneAsync(origin.Info);
        await git.RunAsync(clone, ["config", "--local", "core.sshCommand", "touch /tmp/pwned"]);

        await workspaces.EnsureCloneAsync(origin.Info);

        Assert.False((await git.TryRunAsync(clone, ["config", "--local", "--get", "core.sshCommand"])).Succeeded);
    }

    [Fact]
    public async Task CreateAsync_ThenRemoveAsync_LeaveTheClonesConfigAsItWas_SoTheNextFetchNeedNotScrubIt()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["a.txt"] = "a\n" });
        await origin.GitAsync("checkout", "-q", "-b", "squad/x");
        await origin.CommitAsync(new Dictionary<string, string?> { ["a.txt"] = "pushed\n" }, "agent");
        await origin.GitAsync("checkout", "-q", "main");
        var workspaces = new WorkspaceManager(git, origin.Clones, origin.Worktrees);
        var clone = await workspaces.EnsureCloneAsync(origin.Info);
        var config = Path.Combine(clone, "config");
        var before = (await File.ReadAllTextAsync(config), File.GetLastWriteTimeUtc(config));

        // Made from the code host's branch (where git sets an upstream by default), and made from the base.
        var fromPushed = await workspaces.CreateAsync(origin.Info, "squad/x", "X-1");
        var fromBase = await workspaces.CreateAsync(origin.Info, "squad/y", "Y-1");
        await workspaces.RemoveAsync(fromPushed);
        await workspaces.RemoveAsync(fromBase);

        Assert.Equal(before, (await File.ReadAllTextAsync(config), File.GetLastWriteTimeUtc(config)));
        Assert.False((await git.TryRunAsync(clone, ["rev-parse", "--verify", "--quiet", "refs/heads/squad/x"])).Succeeded);
        Assert.False((await git.TryRunAsync(clone, ["rev-parse", "--verify", "--quiet", "refs/heads/squad/y"])).Succeeded);
    }

    [Fact]
    public async Task CreateAsync_RunsSetupOnBaseContent_ThenMovesToTheBranchAlreadyPushed()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["manifest"] = "base deps\n" });
        await origin.GitAsync("checkout", "-q", "-b", "squad/x");
        var pushed = await origin.CommitAsync(new Dictionary<string, string?> { ["manifest"] = "agent deps\n" }, "agent");
        await origin.GitAsync("checkout", "-q", "main");
        var workspaces = new WorkspaceManager(git, origin.Clones, origin.Worktrees);
        string? seenBySetup = null;

        var workspace = await workspaces.CreateAsync(origin.Info, "squad/x", "X-1", async path => seenBySetup = await File.ReadAllTextAsync(Path.Combine(path, "manifest")));

        Assert.Equal("base deps\n", seenBySetup);
        Assert.Equal("agent deps\n", await File.ReadAllTextAsync(Path.Combine(workspace.Path, "manifest")));
        Assert.Equal(pushed, await git.RevParseAsync(workspace.Path, "HEAD"));
        await workspaces.RemoveAsync(workspace);
    }

    [Fact]
    public async Task LoadBaseConfigAsync_ReadsTheBaseBranch_NotTheSquadsBranch()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?>
        {
            [".squad.yml"] = "commands:\n  test: sh run-tests.sh\nguardrails:\n  merge: [test]\n",
        });
        await origin.GitAsync("checkout", "-q", "-b", "squad/x");
        await origin.CommitAsync(new Dictionary<string, string?> { [".squad.yml"] = "commands:\n  test: \"true\"\nguardrails:\n  merge: []\nprotected_paths: []\n" }, "lighter checks");
        var workspaces = new WorkspaceManager(git, origin.Clones, origin.Worktrees);

        var config = await workspaces.LoadBaseConfigAsync(origin.Info);

        Assert.Equal("sh run-tests.sh", config.Commands["test"]);
        Assert.Equal(["test"], config.Merge);
        Assert.Contains(".squad.yml", config.ProtectedPaths);
    }

    [Fact]
    public async Task LoadBaseConfigAsync_ABaseWithoutTheFile_GivesTheDefaults()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["README.md"] = "# no config\n" });
        var workspaces = new WorkspaceManager(git, origin.Clones, origin.Worktrees);

        var config = await workspaces.LoadBaseConfigAsync(origin.Info);

        Assert.Empty(config.Commands);
        Assert.Contains(".squad.yml", config.ProtectedPaths);
    }

    [Fact]
    public async Task LoadBaseConfigAsync_ByteOrderMarkAndNonAsciiText_ReadWhole()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?>
        {
            [".squad.yml"] = "\uFEFF# réglages: ✓\ncommands:\n  test: echo \"héllo ✓\"\n",
        });
        var workspaces = new WorkspaceManager(git, origin.Clones, origin.Worktrees);

        var config = await workspaces.LoadBaseConfigAsync(origin.Info);

        Assert.Equal("echo \"héllo ✓\"", config.Commands["test"]);
    }

    [Fact]
    public async Task LoadBaseConfigAsync_AFolderNamedLikeTheFile_IsRefused()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { [".squad.yml/x"] = "not a config\n" });
        var workspaces = new WorkspaceManager(git, origin.Clones, origin.Worktrees);

        var error = await Assert.ThrowsAsync<SquadException>(() => workspaces.LoadBaseConfigAsync(origin.Info));

        Assert.Contains(".squad.yml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_RightAfterTheConfigsFetch_MakesTheTreeFromThatFetch()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["a.txt"] = "first\n" });
        var workspaces = new WorkspaceManager(git, origin.Clones, origin.Worktrees);
        await workspaces.LoadBaseConfigAsync(origin.Info);
        await origin.CommitAsync(new Dictionary<string, string?> { ["a.txt"] = "second\n" }, "main moves on");

        var fromThatFetch = await workspaces.CreateAsync(origin.Info, "squad/a", "A-1", cloneFetched: true);
        var fetchedAgain = await workspaces.CreateAsync(origin.Info, "squad/b", "B-1");

        Assert.Equal("first\n", await File.ReadAllTextAsync(Path.Combine(fromThatFetch.Path, "a.txt")));
        Assert.Equal("second\n", await File.ReadAllTextAsync(Path.Combine(fetchedAgain.Path, "a.txt")));
        await workspaces.RemoveAsync(fromThatFetch);
        await workspaces.RemoveAsync(fetchedAgain);
    }
}
