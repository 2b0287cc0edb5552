using Squad.Core.Domain;
using Squad.Core.Git;
using Squad.Core.Tests.Tools;

namespace Squad.Core.Tests;

/// <summary>
/// Answers git gives the same for ever, kept for the process: branch names judged by git's own rules, and reads between
/// object ids in one folder. Names that move are read each time; another folder asks git again.
/// </summary>
public sealed class KeptGitAnswersTests : IDisposable
{
    private readonly GitCli git = new();
    private readonly TestWorkspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Theory]
    [InlineData("refs/heads/squad/calc-1-add-discounts", true)]
    [InlineData("refs/heads/squad/a..b", false)]
    [InlineData("refs/heads/squad/with space", false)]
    [InlineData("refs/heads/squad/ends.lock", false)]
    [InlineData("refs/heads/squad/colon:x", false)]
    [InlineData("refs/heads/@{u}", false)]
    public async Task IsValidRefName_FollowsGit_AndAnswersAgainTheSame(string name, bool valid)
    {
        Assert.Equal(valid, await git.IsValidRefNameAsync(name));
        Assert.Equal(valid, await git.IsValidRefNameAsync(name));
    }

    [Fact]
    public async Task ReadRevisions_BetweenObjectIds_IsKeptPerFolder_ByName_IsReadEachTime()
    {
        await workspace.InitGitAsync();
        var first = await workspace.GitOutputAsync("rev-parse", "HEAD");
        workspace.Write("b.txt", "b\n");
        await workspace.GitOutputAsync("add", "-A");
        await workspace.GitOutputAsync("commit", "-q", "-m", "second");
        var second = await workspace.GitOutputAsync("rev-parse", "HEAD");
        string[] byIds = ["diff", "--name-only", first, second];
        string[] byName = ["diff", "--name-only", first, "HEAD"];

        Assert.Equal("b.txt\n", await git.ReadRevisionsAsync(workspace.Root, byIds, [first, second]));
        Assert.Equal("b.txt\n", await git.ReadRevisionsAsync(workspace.Root, byName, [first, "HEAD"]));

        // The repository is gone: the read between ids is answered as before, the read by name asks git and fails, and so
        // does the same read between ids in another folder.
        Directory.Delete(Path.Combine(workspace.Root, ".git"), recursive: true);
        Assert.Equal("b.txt\n", await git.ReadRevisionsAsync(workspace.Root, byIds, [first, second]));
        await Assert.ThrowsAsync<SquadException>(() => git.ReadRevisionsAsync(workspace.Root, byName, [first, "HEAD"]));
        await Assert.ThrowsAsync<SquadException>(() => git.ReadRevisionsAsync(workspace.Outside, byIds, [first, second]));
    }
}
