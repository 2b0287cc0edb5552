using Squad.Core.Git;
using Squad.Core.Orchestration;
using Squad.Core.Orchestration.Queue;

namespace Squad.Core.Tests.Orchestration;

/// <summary>
/// What the merge queue builds in a clone and keeps for the process (<see cref="MergeTree"/>, the predicted mains of
/// <see cref="QueuedMerge"/>): an answer is reused only for the same clone and the same commits, and what it names is in
/// that clone's objects.
/// </summary>
public sealed class QueueBuildsTests : IDisposable
{
    private readonly GitCli git = new();
    private readonly string root = Path.Combine(Path.GetTempPath(), "squad-queue-builds-" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public async Task MergeTree_IsReusedOnlyForTheSameCloneAndCommits_AndItsTreeIsInTheClone()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["a.txt"] = "a\n" });
        var main = await git.RevParseAsync(origin.Path, "HEAD");
        await origin.GitAsync("checkout", "-q", "-b", "one");
        var one = await origin.CommitAsync(new Dictionary<string, string?> { ["one.txt"] = "1\n" }, "one");
        await origin.GitAsync("checkout", "-q", "main");
        await origin.GitAsync("checkout", "-q", "-b", "two");
        var two = await origin.CommitAsync(new Dictionary<string, string?> { ["two.txt"] = "2\n" }, "two");
        var (first, second) = (await CloneAsync(origin, "first"), await CloneAsync(origin, "second"));

        var withOne = await MergeTree.BuildAsync(git, first, main, one, CancellationToken.None);
        var withTwo = await MergeTree.BuildAsync(git, first, main, two, CancellationToken.None);
        var again = await MergeTree.BuildAsync(git, first, main, one, CancellationToken.None);
        var both = await MergeTree.BuildAsync(git, first, one, two, CancellationToken.None);
        var elsewhere = await MergeTree.BuildAsync(git, second, one, two, CancellationToken.None);

        Assert.Equal(await TreeAsync(origin.Path, one), withOne.Tree);
        Assert.Equal(await TreeAsync(origin.Path, two), withTwo.Tree);
        Assert.Equal(withOne, again);
        Assert.Equal(both.Tree, elsewhere.Tree);
        Assert.Equal("a.txt\none.txt\ntwo.txt", (await git.RunAsync(first, ["ls-tree", "--name-only", both.Tree])).Trim());

        // The merge result of both branches is a tree no branch has: it is in the clone whose merge wrote it.
        Assert.True((await git.TryRunAsync(second, ["cat-file", "-e", elsewhere.Tree + "^{tree}"])).Succeeded);
    }

    [Fact]
    public async Task PredictedMain_IsReusedOnlyForTheSameCloneTreeParentAndMessage_AndIsInTheClone()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["a.txt"] = "a\n" });
        var base1 = await git.RevParseAsync(origin.Path, "HEAD");
        var base2 = await origin.CommitAsync(new Dictionary<string, string?> { ["b.txt"] = "b\n" }, "b");
        var tree = await TreeAsync(origin.Path, base2);
        var (first, second) = (await CloneAsync(origin, "first"), await CloneAsync(origin, "second"));

        var made = await QueuedMerge.PredictedCommitAsync(git, first, tree, base1, "Squad: main once #1 lands", CancellationToken.None);
        var again = await QueuedMerge.PredictedCommitAsync(git, first, tree, base1, "Squad: main once #1 lands", CancellationToken.None);
        var onAnother = await QueuedMerge.PredictedCommitAsync(git, first, tree, base2, "Squad: main once #1 lands", CancellationToken.None);
        var otherMessage = await QueuedMerge.PredictedCommitAsync(git, first, tree, base1, "Squad: main once #2 lands", CancellationToken.None);
        var elsewhere = await QueuedMerge.PredictedCommitAsync(git, second, tree, base1, "Squad: main once #1 lands", CancellationToken.None);

        Assert.Equal(made, again);
        Assert.Equal($"{tree} {base1}", await TreeAndParentAsync(first, made));
        Assert.Equal($"{tree} {base2}", await TreeAndParentAsync(first, onAnother));
        Assert.Contains("#2", await git.RunAsync(first, ["log", "-1", "--format=%s", otherMessage]), StringComparison.Ordinal);
        Assert.Equal($"{tree} {base1}", await TreeAndParentAsync(second, elsewhere));
    }

    private async Task<string> CloneAsync(OriginRepository origin, string name)
    {
        var path = Path.Combine(root, name + ".git");
        Directory.CreateDirectory(root);
        await git.RunAsync(root, ["clone", "-q", "--bare", "--no-local", origin.Path, path]);
        await git.RunAsync(path, ["fetch", "-q", origin.Path, "+refs/heads/*:refs/heads/*"]);
        return path;
    }

    private async Task<string> TreeAsync(string repository, string commit) => (await git.RunAsync(repository, ["rev-parse", commit + "^{tree}"])).Trim();

    private async Task<string> TreeAndParentAsync(string repository, string commit) => (await git.RunAsync(repository, ["log", "-1", "--format=%T %P", commit])).Trim();

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
