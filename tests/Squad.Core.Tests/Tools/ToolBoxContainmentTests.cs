using Squad.Core.Tools;

namespace Squad.Core.Tests.Tools;

public sealed class ToolBoxContainmentTests : IDisposable
{
    private const string OutsideContent = "outside, do not touch\n";
    private readonly TestWorkspace workspace = new();
    private readonly ToolBox toolBox = new();
    private readonly string secret;

    public ToolBoxContainmentTests()
    {
        secret = workspace.WriteOutside("secret.txt", OutsideContent);
    }

    public void Dispose() => workspace.Dispose();

    [Theory]
    [InlineData("../outside/secret.txt", "leaves the repository")]
    [InlineData("sub/../../outside/secret.txt", "leaves the repository")]
    [InlineData("/etc/passwd", "is absolute")]
    public async Task InvokeAsync_ReadFileOutsideTheWorktree_FailsWithReason(string path, string reason)
    {
        var context = workspace.Context(TestAgents.Writer());

        var result = await toolBox.InvokeAsync(ToolNames.ReadFile, TestAgents.Args(("path", path)), context);

        Assert.Equal(ToolCallStatus.Failed, result.Status);
        Assert.StartsWith("error: ", result.Output, StringComparison.Ordinal);
        Assert.Contains(reason, result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(OutsideContent.Trim(), result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_WriteFileThroughDotDot_FailsAndLeavesOutsideFileUnchanged()
    {
        var context = workspace.Context(TestAgents.Writer());

        var result = await toolBox.InvokeAsync(ToolNames.WriteFile, TestAgents.Args(("path", "../outside/secret.txt"), ("content", "pwned")), context);

        Assert.Equal(ToolCallStatus.Failed, result.Status);
        Assert.Contains("leaves the repository", result.Output, StringComparison.Ordinal);
        Assert.Equal(OutsideContent, File.ReadAllText(secret));
    }

    [Fact]
    public async Task InvokeAsync_WriteFileSubDotDotDotDot_FailsAndCreatesNothing()
    {
        var context = workspace.Context(TestAgents.Writer());

        var result = await toolBox.InvokeAsync(ToolNames.WriteFile, TestAgents.Args(("path", "sub/../../x"), ("content", "pwned")), context);

        Assert.Equal(ToolCallStatus.Failed, result.Status);
        Assert.False(File.Exists(Path.Combine(workspace.Temp, "x")));
        Assert.False(Directory.Exists(workspace.PathOf("sub")));
    }

    [Fact]
    public async Task InvokeAsync_WriteFileAbsolutePathOutside_FailsAndLeavesFileUnchanged()
    {
        var context = workspace.Context(TestAgents.Writer());

        var result = await toolBox.InvokeAsync(ToolNames.WriteFile, TestAgents.Args(("path", secret), ("content", "pwned")), context);

        Assert.Equal(ToolCallStatus.Failed, result.Status);
        Assert.Contains("is absolute", result.Output, StringComparison.Ordinal);
        Assert.Equal(OutsideContent, File.ReadAllText(secret));
    }

    [Fact]
    public async Task InvokeAsync_WriteFileAbsolutePathInsideTheWorktree_FailsAndCreatesNothing()
    {
        var context = workspace.Context(TestAgents.Writer());
        var inside = workspace.PathOf("new.txt");

        var result = await toolBox.InvokeAsync(ToolNames.WriteFile, TestAgents.Args(("path", inside), ("content", "x")), context);

        Assert.Equal(ToolCallStatus.Failed, result.Status);
        Assert.Contains("relative to the repository root", result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(inside));
    }

    [Fact]
    public async Task InvokeAsync_ReadAbsolutePathInsideTheWorktree_Fails()
    {
        var inside = workspace.Write("a.txt", "inside");
        var context = workspace.Context(TestAgents.Writer());

        var result = await toolBox.InvokeAsync(ToolNames.ReadFile, TestAgents.Args(("path", inside)), context);

        Assert.Equal(ToolCallStatus.Failed, result.Status);
        Assert.Contains("is absolute", result.Output, StringComparison.Ordinal);
        Assert.NotEqual("inside", result.Output);
    }

    [Theory]
    [InlineData(ToolNames.ReadFile)]
    [InlineData(ToolNames.WriteFile)]
    [InlineData(ToolNames.EditFile)]
    public async Task InvokeAsync_DotGitConfig_FailsAndLeavesItUnchanged(string tool)
    {
        await workspace.InitGitAsync();
        var before = workspace.Read(".git/config");
        var context = workspace.Context(TestAgents.Writer());
        var arguments = TestAgents.Args(("path", ".git/config"), ("content", "[core]\n\thooksPath = /tmp\n"), ("old_text", "[core]"), ("new_text", "[evil]"));

        var result = await toolBox.InvokeAsync(tool, arguments, context);

        Assert.Equal(ToolCallStatus.Failed, result.Status);
        Assert.Contains("inside .git", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("repositoryformatversion", result.Output, StringComparison.Ordinal);
        Assert.Equal(before, workspace.Read(".git/config"));
    }

    [Fact]
    public async Task InvokeAsync_ReadThroughDirectorySymlinkOut_FailsWithoutLeakingContent()
    {
        Directory.CreateSymbolicLink(workspace.PathOf("linkdir"), workspace.Outside);
        var context = workspace.Context(TestAgents.Writer());

        var result = await toolBox.InvokeAsync(ToolNames.ReadFile, TestAgents.Args(("path", "linkdir/secret.txt")), context);

        Assert.Equal(ToolCallStatus.Failed, result.Status);
        Assert.Contains("symbolic link", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("do not touch", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_WriteThroughDirectorySymlinkOut_FailsAndCreatesNothingOutside()
    {
        Directory.CreateSymbolicLink(workspace.PathOf("linkdir"), workspace.Outside);
        var context = workspace.Context(TestAgents.Writer());

        var created = await toolBox.InvokeAsync(ToolNames.WriteFile, TestAgents.Args(("path", "linkdir/new.txt"), ("content", "pwned")), context);
        var replaced = await toolBox.InvokeAsync(ToolNames.WriteFile, TestAgents.Args(("path", "linkdir/secret.txt"), ("content", "pwned")), context);

        Assert.Equal(ToolCallStatus.Failed, created.Status);
        Assert.Equal(ToolCallStatus.Failed, replaced.Status);
        Assert.False(File.Exists(Path.Combine(workspace.Outside, "new.txt")));
        Assert.Equal(OutsideContent, File.ReadAllText(secret));
    }

    [Theory]
    [InlineData(ToolNames.ReadFile)]
    [InlineData(ToolNames.WriteFile)]
    [InlineData(ToolNames.EditFile)]
    public async Task InvokeAsync_FileSymlinkOut_FailsAndLeavesTargetUnchanged(string tool)
    {
        File.CreateSymbolicLink(workspace.PathOf("linkfile.txt"), secret);
        var context = workspace.Context(TestAgents.Writer());
        var arguments = TestAgents.Args(("path", "linkfile.txt"), ("content", "pwned"), ("old_text", "outside"), ("new_text", "pwned"));

        var result = await toolBox.InvokeAsync(tool, arguments, context);

        Assert.Equal(ToolCallStatus.Failed, result.Status);
        Assert.Contains("symbolic link", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("do not touch", result.Output, StringComparison.Ordinal);
        Assert.Equal(OutsideContent, File.ReadAllText(secret));
    }

    [Fact]
    public async Task InvokeAsync_ListFilesThroughDirectorySymlinkOut_Fails()
    {
        Directory.CreateSymbolicLink(workspace.PathOf("linkdir"), workspace.Outside);
        var context = workspace.Context(TestAgents.Writer());

        var result = await toolBox.InvokeAsync(ToolNames.ListFiles, TestAgents.Args(("path", "linkdir")), context);

        Assert.Equal(ToolCallStatus.Failed, result.Status);
        Assert.DoesNotContain("secret.txt", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_ListFilesOfRoot_SkipsDotGitAndDirectorySymlinksOut()
    {
        await workspace.InitGitAsync();
        workspace.Write("src/app.txt", "app");
        Directory.CreateSymbolicLink(workspace.PathOf("linkdir"), workspace.Outside);
        var context = workspace.Context(TestAgents.Writer());

        var result = await toolBox.InvokeAsync(ToolNames.ListFiles, null, context);

        Assert.Equal(ToolCallStatus.Ok, result.Status);
        Assert.Equal(["README.md", "src/app.txt"], result.Output.Split('\n'));
    }

    [Fact]
    public async Task InvokeAsync_SymlinksInsideTheWorktree_AreRefusedAndTheirTargetsUnchanged()
    {
        // Links are never followed, even ones that stay inside: whether a link stays inside can change between a check
        // and the open, and only refusing every link lets the kernel check the path in the same step as the open.
        workspace.Write("sub/a.txt", "original");
        Directory.CreateSymbolicLink(workspace.PathOf("inlink"), "sub");
        File.CreateSymbolicLink(workspace.PathOf("alias.txt"), "sub/a.txt");
        var context = workspace.Context(TestAgents.Writer());

        var read = await toolBox.InvokeAsync(ToolNames.ReadFile, TestAgents.Args(("path", "inlink/a.txt")), context);
        var written = await toolBox.InvokeAsync(ToolNames.WriteFile, TestAgents.Args(("path", "alias.txt"), ("content", "changed")), context);
        var direct = await toolBox.InvokeAsync(ToolNames.ReadFile, TestAgents.Args(("path", "sub/a.txt")), context);

        Assert.Equal(ToolCallStatus.Failed, read.Status);
        Assert.Contains("symbolic link", read.Output, StringComparison.Ordinal);
        Assert.Equal(ToolCallStatus.Failed, written.Status);
        Assert.Equal("original", workspace.Read("sub/a.txt"));
        Assert.Equal("original", direct.Output);
    }

    [Fact]
    public async Task InvokeAsync_SearchFilesWithFileSymlinkOut_DoesNotLeakOutsideContent()
    {
        File.CreateSymbolicLink(workspace.PathOf("linkfile.txt"), secret);
        workspace.Write("inside.txt", "inside, fine to touch\n");
        var context = workspace.Context(TestAgents.Writer());

        var result = await toolBox.InvokeAsync(ToolNames.SearchFiles, TestAgents.Args(("pattern", "touch")), context);

        Assert.Contains("inside.txt:1: inside, fine to touch", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("do not touch", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_WriteThroughLinkReachedViaAncestorDirectoryLink_LeavesOutsideFileUnchanged()
    {
        File.CreateSymbolicLink(workspace.PathOf("x"), "../outside/secret.txt");
        Directory.CreateDirectory(workspace.PathOf("a"));
        Directory.CreateSymbolicLink(workspace.PathOf("a/b"), "..");
        var context = workspace.Context(TestAgents.Writer());

        var result = await toolBox.InvokeAsync(ToolNames.WriteFile, TestAgents.Args(("path", "a/b/x"), ("content", "pwned")), context);

        Assert.Equal(ToolCallStatus.Failed, result.Status);
        Assert.Equal(OutsideContent, File.ReadAllText(secret));
    }

    [Fact]
    public async Task InvokeAsync_PathWithNulCharacter_FailsInsteadOfThrowing()
    {
        var context = workspace.Context(TestAgents.Writer());

        var result = await toolBox.InvokeAsync(ToolNames.ReadFile, TestAgents.Args(("path", "a\0b.txt")), context);

        Assert.Equal(ToolCallStatus.Failed, result.Status);
    }

    [Fact]
    public async Task InvokeAsync_SearchFilesCatastrophicPattern_FailsInsteadOfThrowing()
    {
        workspace.Write("a.txt", new string('a', 40) + "!\n");
        var context = workspace.Context(TestAgents.Writer());

        var result = await toolBox.InvokeAsync(ToolNames.SearchFiles, TestAgents.Args(("pattern", "^(a|aa)+$")), context);

        Assert.Equal(ToolCallStatus.Failed, result.Status);
    }
}
