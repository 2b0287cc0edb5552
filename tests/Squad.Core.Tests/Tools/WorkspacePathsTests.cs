using Squad.Core.Tools;

namespace Squad.Core.Tests.Tools;

public sealed class WorkspacePathsTests : IDisposable
{
    private readonly TestWorkspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Theory]
    [InlineData("src/app.cs", "src/app.cs")]
    [InlineData("./src/app.cs", "src/app.cs")]
    [InlineData("src//app.cs", "src/app.cs")]
    [InlineData("src\\app.cs", "src/app.cs")]
    public void Resolve_RelativePathInside_ReturnsFullPathUnderRoot(string requested, string expected)
    {
        var path = WorkspacePaths.Resolve(workspace.Root, requested);

        Assert.Equal(Path.Combine(workspace.Root, expected), path);
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("./")]
    public void Resolve_EmptyOrDot_ReturnsRoot(string requested)
    {
        var path = WorkspacePaths.Resolve(workspace.Root, requested);

        Assert.Equal(workspace.Root, path);
    }

    [Theory]
    [InlineData("../outside/secret.txt", "leaves the repository")]
    [InlineData("sub/../../x", "leaves the repository")]
    [InlineData("sub/..", "leaves the repository")]
    [InlineData("..\\outside\\secret.txt", "leaves the repository")]
    [InlineData("/etc/passwd", "is absolute")]
    [InlineData("~/.ssh/id_rsa", "is absolute")]
    [InlineData(".git/config", "inside .git")]
    [InlineData("./.git/config", "inside .git")]
    [InlineData(".GIT/config", "inside .git")]
    [InlineData("sub/.git/hooks/pre-commit", "inside .git")]
    public void Resolve_PathLeavingTheWorktree_ThrowsToolExceptionSayingWhy(string requested, string reason)
    {
        var ex = Assert.Throws<ToolException>(() => WorkspacePaths.Resolve(workspace.Root, requested));

        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.Contains(requested, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_AbsolutePathInsideTheWorktree_IsRefused()
    {
        var inside = workspace.Write("a.txt", "a");

        var ex = Assert.Throws<ToolException>(() => WorkspacePaths.Resolve(workspace.Root, inside));

        Assert.Contains("is absolute", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_ThroughDirectorySymlinkLeavingTheWorktree_IsRefused()
    {
        workspace.WriteOutside("secret.txt", "outside");
        Directory.CreateSymbolicLink(workspace.PathOf("linkdir"), workspace.Outside);

        var ex = Assert.Throws<ToolException>(() => WorkspacePaths.Resolve(workspace.Root, "linkdir/secret.txt"));

        Assert.Contains("symbolic link", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_DirectorySymlinkWithRelativeTargetOutside_IsRefused()
    {
        Directory.CreateSymbolicLink(workspace.PathOf("up"), "../outside");

        Assert.Throws<ToolException>(() => WorkspacePaths.Resolve(workspace.Root, "up/new.txt"));
    }

    [Fact]
    public void Resolve_FileSymlinkLeavingTheWorktree_IsRefused()
    {
        var secret = workspace.WriteOutside("secret.txt", "outside");
        File.CreateSymbolicLink(workspace.PathOf("linkfile.txt"), secret);

        var ex = Assert.Throws<ToolException>(() => WorkspacePaths.Resolve(workspace.Root, "linkfile.txt"));

        Assert.Contains("symbolic link", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_DanglingSymlinkToOutside_IsRefused()
    {
        File.CreateSymbolicLink(workspace.PathOf("dangling.txt"), Path.Combine(workspace.Outside, "not-yet.txt"));

        Assert.Throws<ToolException>(() => WorkspacePaths.Resolve(workspace.Root, "dangling.txt"));
    }

    [Fact]
    public void Resolve_ChainOfSymlinksEndingOutside_IsRefused()
    {
        var secret = workspace.WriteOutside("secret.txt", "outside");
        File.CreateSymbolicLink(workspace.PathOf("second.txt"), secret);
        File.CreateSymbolicLink(workspace.PathOf("first.txt"), "second.txt");

        Assert.Throws<ToolException>(() => WorkspacePaths.Resolve(workspace.Root, "first.txt"));
    }

    [Fact]
    public void Resolve_SymlinkIntoDotGit_IsRefused()
    {
        Directory.CreateDirectory(workspace.PathOf(".git"));
        workspace.Write(".git/config", "[core]\n");
        File.CreateSymbolicLink(workspace.PathOf("config-link"), ".git/config");

        Assert.Throws<ToolException>(() => WorkspacePaths.Resolve(workspace.Root, "config-link"));
    }

    [Fact]
    public void Resolve_SymlinksPointingInsideTheWorktree_AreAllowed()
    {
        workspace.Write("sub/a.txt", "a");
        Directory.CreateSymbolicLink(workspace.PathOf("inlink"), "sub");
        File.CreateSymbolicLink(workspace.PathOf("alias.txt"), "sub/a.txt");

        var throughDirectory = WorkspacePaths.Resolve(workspace.Root, "inlink/a.txt");
        var throughFile = WorkspacePaths.Resolve(workspace.Root, "alias.txt");

        Assert.Equal(workspace.PathOf("inlink/a.txt"), throughDirectory);
        Assert.Equal(workspace.PathOf("alias.txt"), throughFile);
    }

    [Fact]
    public void Resolve_FileSymlinkReachedThroughDirectoryLinkToAncestor_IsRefused()
    {
        // x -> ../outside/secret.txt leaves the worktree. Reached directly it is refused; reached as a/b/x,
        // where a/b -> .. is the root itself, the relative target is resolved against a/b textually
        // (root/a/outside/secret.txt, inside) instead of against the link's real folder (the root).
        var secret = workspace.WriteOutside("secret.txt", "outside");
        File.CreateSymbolicLink(workspace.PathOf("x"), "../outside/secret.txt");
        Directory.CreateDirectory(workspace.PathOf("a"));
        Directory.CreateSymbolicLink(workspace.PathOf("a/b"), "..");
        Assert.Throws<ToolException>(() => WorkspacePaths.Resolve(workspace.Root, "x"));
        Assert.Equal("outside", File.ReadAllText(workspace.PathOf("a/b/x")));
        Assert.Equal(secret, new FileInfo(workspace.PathOf("x")).ResolveLinkTarget(true)!.FullName);

        var ex = Record.Exception(() => WorkspacePaths.Resolve(workspace.Root, "a/b/x"));

        Assert.IsType<ToolException>(ex);
    }
}
