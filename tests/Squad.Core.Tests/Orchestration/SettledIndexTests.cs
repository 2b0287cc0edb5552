using Squad.Core.Git;
using Squad.Core.Orchestration;
using Squad.Core.Tests.Tools;

namespace Squad.Core.Tests.Orchestration;

/// <summary>
/// A new work tree's index is written from its files' stamps after they are backdated: git trusts every file's status
/// (none is "racily clean", so the first <c>git add</c> reads none of them), and still sees any change made after,
/// even in the same second, with the same size, in place.
/// </summary>
public sealed class SettledIndexTests
{
    private readonly GitCli git = new();

    [LinuxTheory]
    [InlineData(false)] // written by git's checkout
    [InlineData(true)] // turned from a spent copy
    public async Task CreateAsync_EveryTrackedFileIsOlderThanTheIndex_SoGitReadsNoneAgain(bool fromSpare)
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["a.txt"] = "alpha\n", ["src/b.txt"] = "beta\n" });
        var workspaces = await WorkspacesAsync(origin, fromSpare);

        var tree = await workspaces.CreateAsync(origin.Info, "squad/x-1", "X-1");

        var index = File.GetLastWriteTimeUtc(Path.Combine(await GitDirectoryAsync(tree.Path), "index"));
        foreach (var file in new[] { "a.txt", "src/b.txt" })
        {
            var written = File.GetLastWriteTimeUtc(Path.Combine(tree.Path, file));
            Assert.True(Seconds(written) < Seconds(index), $"{file} was modified at {written:O}, in the index's second {index:O}: git would read it again");
        }

        Assert.Equal("", await git.RunAsync(tree.Path, ["status", "--porcelain", "--untracked-files=all"]));
        await workspaces.RemoveAsync(tree);
        workspaces.DropSpares();
    }

    [LinuxTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CreateAsync_AFileRewrittenInPlaceAtOnce_SameSizeSameSecond_GitSeesTheChangeAndCommitsIt(bool fromSpare)
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["a.txt"] = "alpha\n", ["src/b.txt"] = "beta\n" });
        var workspaces = await WorkspacesAsync(origin, fromSpare);

        var tree = await workspaces.CreateAsync(origin.Info, "squad/x-1", "X-1");
        // Same inode, same size, within the second the tree was made: only the modification time tells.
        await using (var stream = new FileStream(Path.Combine(tree.Path, "a.txt"), FileMode.Open, FileAccess.Write))
        {
            await stream.WriteAsync("ALPHA\n"u8.ToArray());
        }

        Assert.Equal(" M a.txt", (await git.RunAsync(tree.Path, ["status", "--porcelain", "--untracked-files=all"])).TrimEnd());
        await git.RunAsync(tree.Path, ["add", "-A"]);
        await git.RunAsync(tree.Path, ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "change"]);
        Assert.Equal("ALPHA", (await git.RunAsync(tree.Path, ["show", "HEAD:a.txt"])).Trim());
        Assert.Equal("a.txt", (await git.RunAsync(tree.Path, ["diff", "--name-only", "HEAD~1", "HEAD"])).Trim());
        await workspaces.RemoveAsync(tree);
        workspaces.DropSpares();
    }

    [LinuxTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CreateAsync_SetUpRewritesATrackedFileInPlace_GitSeesItAsChangedAsBefore(bool fromSpare)
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["a.txt"] = "alpha\n", ["lock.txt"] = "v1\n" });
        var workspaces = await WorkspacesAsync(origin, fromSpare);

        var tree = await workspaces.CreateAsync(origin.Info, "squad/x-1", "X-1", async path =>
        {
            await using var stream = new FileStream(Path.Combine(path, "lock.txt"), FileMode.Open, FileAccess.Write);
            await stream.WriteAsync("v2\n"u8.ToArray());
        });

        Assert.Equal(" M lock.txt", (await git.RunAsync(tree.Path, ["status", "--porcelain", "--untracked-files=all"])).TrimEnd());
        await workspaces.RemoveAsync(tree);
        workspaces.DropSpares();
    }

    /// <summary>A manager; with <paramref name="fromSpare"/>, one spent copy waiting to become the next tree.</summary>
    private async Task<WorkspaceManager> WorkspacesAsync(OriginRepository origin, bool fromSpare)
    {
        var workspaces = new WorkspaceManager(git, origin.Clones, origin.Worktrees) { KeepsSpareCopies = fromSpare };
        if (fromSpare)
        {
            var main = await git.RevParseAsync(origin.Path, "HEAD");
            var copy = await workspaces.CreateCopyAsync(origin.Info, main, main, "X-1");
            await workspaces.RemoveAsync(copy);
        }

        return workspaces;
    }

    private static async Task<string> GitDirectoryAsync(string tree)
        => (await File.ReadAllTextAsync(Path.Combine(tree, ".git"))).Trim()["gitdir: ".Length..];

    private static long Seconds(DateTime time) => new DateTimeOffset(time).ToUnixTimeSeconds();
}
