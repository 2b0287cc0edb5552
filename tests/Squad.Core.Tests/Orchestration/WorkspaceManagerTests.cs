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
}
