using Squad.Core.Git;
using Squad.Core.Tests.Tools;

namespace Squad.Core.Tests;

/// <summary>
/// Several objects in one <c>cat-file --batch</c> (<see cref="GitCli.ReadObjectsAsync"/>): each one's type and exact
/// bytes, a name git does not resolve as null (a path with a space included), in the order asked.
/// </summary>
public sealed class GitObjectsTests : IDisposable
{
    private readonly TestWorkspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Fact]
    public async Task ReadObjects_TypesBytesAndMissingNames_InOrder()
    {
        await workspace.InitGitAsync();
        byte[] binary = [0, 10, 255, 10, 13, 0xEF, 0xBB, 0xBF];
        await File.WriteAllBytesAsync(workspace.PathOf("data.bin"), binary);
        workspace.Write("docs/with space.md", "\uFEFFhello ✓\n");
        await workspace.Git.RunAsync(workspace.Root, ["add", "-A"]);
        await workspace.Git.RunAsync(workspace.Root, ["commit", "-q", "-m", "files"], extraEnvironment: GitCli.AuthorEnvironment(TestAgents.Setup));

        var found = await workspace.Git.ReadObjectsAsync(workspace.Root, ["HEAD:data.bin", "HEAD:no such file.md", "HEAD:docs", "HEAD:docs/with space.md", "HEAD:README.md"]);

        Assert.Equal(5, found.Count);
        Assert.Equal("blob", found[0]!.Type);
        Assert.Equal(binary, found[0]!.Content);
        Assert.Null(found[1]);
        Assert.Equal("tree", found[2]!.Type);
        Assert.Equal("hello ✓\n", found[3]!.Text);
        Assert.Equal("# Test repository\n", found[4]!.Text);
    }

    [Fact]
    public async Task ReadObjects_NotARepository_FailsWithOneLine()
    {
        var error = await Assert.ThrowsAsync<SquadException>(() => workspace.Git.ReadObjectsAsync(workspace.Root, ["HEAD:README.md"]));

        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("cat-file", error.Message, StringComparison.Ordinal);
    }
}
