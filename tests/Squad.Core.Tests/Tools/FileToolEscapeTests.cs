using System.Runtime.Versioning;
using Squad.Core.Tools;

namespace Squad.Core.Tests.Tools;

/// <summary>Every route out of the tree, tried through the tool box with read_file, write_file and edit_file.</summary>
public sealed class FileToolEscapeTests : IDisposable
{
    private const string Canary = "canary outside the tree\n";
    private readonly TestWorkspace workspace = new();
    private readonly ToolBox toolBox = new();
    private readonly string canary;

    public FileToolEscapeTests()
    {
        canary = workspace.WriteOutside("canary.txt", Canary);
    }

    public void Dispose() => workspace.Dispose();

    private Task<ToolCallResult> InvokeAsync(string tool, string path) => toolBox.InvokeAsync(
        tool,
        TestAgents.Args(("path", path), ("content", "pwned"), ("old_text", "canary"), ("new_text", "pwned")),
        workspace.Context(TestAgents.Writer()));

    [Theory]
    [InlineData(ToolNames.ReadFile, "mid/canary.txt")]
    [InlineData(ToolNames.WriteFile, "mid/canary.txt")]
    [InlineData(ToolNames.EditFile, "mid/canary.txt")]
    [InlineData(ToolNames.WriteFile, "mid/new.txt")]
    [InlineData(ToolNames.ReadFile, "a/b/mid/canary.txt")]
    [InlineData(ToolNames.WriteFile, "a/b/mid/canary.txt")]
    [InlineData(ToolNames.WriteFile, "a/b/mid/c/new.txt")]
    public async Task FileTool_SymlinkAtAMiddleComponentPointingOutside_IsRefusedAndOutsideUnchanged(string tool, string path)
    {
        Directory.CreateSymbolicLink(workspace.PathOf("mid"), workspace.Outside);
        Directory.CreateDirectory(workspace.PathOf("a/b"));
        Directory.CreateSymbolicLink(workspace.PathOf("a/b/mid"), "../../../outside");

        var result = await InvokeAsync(tool, path);

        Assert.Equal(ToolCallStatus.Failed, result.Status);
        Assert.Contains("symbolic link", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("canary outside", result.Output, StringComparison.Ordinal);
        Assert.Equal(Canary, File.ReadAllText(canary));
        Assert.Equal([canary], Directory.GetFileSystemEntries(workspace.Outside));
    }

    [Theory]
    [InlineData(ToolNames.ReadFile)]
    [InlineData(ToolNames.WriteFile)]
    [InlineData(ToolNames.EditFile)]
    public async Task FileTool_SymlinkAtTheLastComponentPointingOutside_IsRefusedAndOutsideUnchanged(string tool)
    {
        File.CreateSymbolicLink(workspace.PathOf("last.txt"), canary);

        var result = await InvokeAsync(tool, "last.txt");

        Assert.Equal(ToolCallStatus.Failed, result.Status);
        Assert.Equal($"error: path 'last.txt' goes through a symbolic link: file tools never follow symbolic links", result.Output);
        Assert.Equal(Canary, File.ReadAllText(canary));
        Assert.Equal(canary, new FileInfo(workspace.PathOf("last.txt")).LinkTarget);
    }

    [LinuxTheory]
    [InlineData(ToolNames.ReadFile)]
    [InlineData(ToolNames.WriteFile)]
    [InlineData(ToolNames.EditFile)]
    public async Task FileTool_HardLinkToAFileOutside_IsRefusedAndOutsideUnchanged(string tool)
    {
        UnixFiles.HardLink(canary, workspace.PathOf("hard.txt"));

        var result = await InvokeAsync(tool, "hard.txt");

        Assert.Equal(ToolCallStatus.Failed, result.Status);
        Assert.Equal("error: file 'hard.txt' has 2 hard links: file tools refuse hard-linked files, which can be the same file as one outside the repository", result.Output);
        Assert.Equal(Canary, File.ReadAllText(canary));
        Assert.Equal(Canary, workspace.Read("hard.txt"));
    }

    [Theory]
    [InlineData(ToolNames.ReadFile)]
    [InlineData(ToolNames.WriteFile)]
    [InlineData(ToolNames.EditFile)]
    public async Task FileTool_SymlinkToDevZero_IsRefused(string tool)
    {
        File.CreateSymbolicLink(workspace.PathOf("zero"), "/dev/zero");

        var result = await InvokeAsync(tool, "zero");

        Assert.Equal(ToolCallStatus.Failed, result.Status);
        Assert.Contains("symbolic link", result.Output, StringComparison.Ordinal);
        Assert.Equal("/dev/zero", new FileInfo(workspace.PathOf("zero")).LinkTarget);
    }

    [Theory]
    [InlineData(ToolNames.ReadFile, "../outside/canary.txt", "leaves the repository")]
    [InlineData(ToolNames.WriteFile, "../outside/canary.txt", "leaves the repository")]
    [InlineData(ToolNames.EditFile, "sub/../../outside/canary.txt", "leaves the repository")]
    [InlineData(ToolNames.WriteFile, "/tmp/squad-escape.txt", "is absolute")]
    [InlineData(ToolNames.ReadFile, "/etc/passwd", "is absolute")]
    [InlineData(ToolNames.ReadFile, ".git/config", "inside .git")]
    [InlineData(ToolNames.WriteFile, ".GIT/hooks/x", "inside .git")]
    [InlineData(ToolNames.WriteFile, "sub/.Git/hooks/pre-commit", "inside .git")]
    [InlineData(ToolNames.EditFile, ".git/config", "inside .git")]
    public async Task FileTool_PathLeavingTheTreeByName_IsRefusedSayingWhy(string tool, string path, string reason)
    {
        Directory.CreateDirectory(workspace.PathOf(".git"));
        workspace.Write(".git/config", "[core]\ncanary = 1\n");

        var result = await InvokeAsync(tool, path);

        Assert.Equal(ToolCallStatus.Failed, result.Status);
        Assert.Contains(reason, result.Output, StringComparison.Ordinal);
        Assert.Equal(Canary, File.ReadAllText(canary));
        Assert.Equal("[core]\ncanary = 1\n", workspace.Read(".git/config"));
        Assert.False(Directory.Exists(workspace.PathOf(".GIT/hooks")) || File.Exists("/tmp/squad-escape.txt"));
    }

    [Fact]
    public async Task WriteFile_NewFileInNewFolders_CreatesThemAsRealFoldersAndFile()
    {
        var result = await InvokeAsync(ToolNames.WriteFile, "new/deep/folder/file.txt");

        Assert.Equal(ToolCallStatus.Ok, result.Status);
        Assert.Equal("pwned", workspace.Read("new/deep/folder/file.txt"));
        Assert.Null(new DirectoryInfo(workspace.PathOf("new/deep")).LinkTarget);
        Assert.Equal(["file.txt"], Directory.GetFileSystemEntries(workspace.PathOf("new/deep/folder")).Select(Path.GetFileName));
    }

    [LinuxFact]
    [SupportedOSPlatform("linux")]
    public async Task WriteFile_ExistingExecutableFile_KeepsItsPermissions()
    {
        var script = workspace.Write("run.sh", "echo old\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var result = await InvokeAsync(ToolNames.WriteFile, "run.sh");

        Assert.Equal(ToolCallStatus.Ok, result.Status);
        Assert.Equal("pwned", workspace.Read("run.sh"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(script));
    }

    [Fact]
    public async Task WriteFile_PathNamingAFolder_IsRefusedAndTheFolderKept()
    {
        workspace.Write("folder/inner.txt", "inner");

        var result = await InvokeAsync(ToolNames.WriteFile, "folder");

        Assert.Equal(ToolCallStatus.Failed, result.Status);
        Assert.Equal("error: 'folder' is a folder, not a file", result.Output);
        Assert.Equal("inner", workspace.Read("folder/inner.txt"));
    }
}
