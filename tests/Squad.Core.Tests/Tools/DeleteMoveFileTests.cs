using Squad.Core.Tools;

namespace Squad.Core.Tests.Tools;

/// <summary>delete_file and move_file: writers only, confined like the other file tools, never .git, protected or special files.</summary>
public sealed class DeleteMoveFileTests : IDisposable
{
    private const string Canary = "canary outside the tree\n";
    private readonly TestWorkspace workspace = new();
    private readonly ToolBox toolBox = new();
    private readonly string canary;

    public DeleteMoveFileTests()
    {
        canary = workspace.WriteOutside("canary.txt", Canary);
    }

    public void Dispose() => workspace.Dispose();

    private static readonly string[] Tools = [.. TestAgents.WriterTools, ToolNames.DeleteFile, ToolNames.MoveFile];

    private Task<ToolCallResult> InvokeAsync(string tool, params (string Name, string Value)[] arguments)
        => toolBox.InvokeAsync(tool, TestAgents.Args(arguments), workspace.Context(TestAgents.Writer(Tools)));

    [Fact]
    public async Task DeleteFile_RegularFile_IsRemoved()
    {
        workspace.Write("src/old.txt", "old\n");

        var result = await InvokeAsync(ToolNames.DeleteFile, ("path", "src/old.txt"));

        Assert.Equal("deleted src/old.txt", result.Output);
        Assert.False(File.Exists(workspace.PathOf("src/old.txt")));
    }

    [Fact]
    public async Task MoveFile_ToANewFolder_RenamesAndCreatesTheFolder()
    {
        workspace.Write("src/old.txt", "content\n");

        var result = await InvokeAsync(ToolNames.MoveFile, ("path", "src/old.txt"), ("to", "lib/deep/new.txt"));

        Assert.Equal("moved src/old.txt to lib/deep/new.txt", result.Output);
        Assert.Equal("content\n", workspace.Read("lib/deep/new.txt"));
        Assert.False(File.Exists(workspace.PathOf("src/old.txt")));
    }

    [Fact]
    public async Task MoveFile_OntoAnExistingFile_IsRefusedAndBothStay()
    {
        workspace.Write("a.txt", "a\n");
        workspace.Write("b.txt", "b\n");

        var result = await InvokeAsync(ToolNames.MoveFile, ("path", "a.txt"), ("to", "b.txt"));

        Assert.Equal("error: 'b.txt' already exists: move_file never replaces a file", result.Output);
        Assert.Equal(("a\n", "b\n"), (workspace.Read("a.txt"), workspace.Read("b.txt")));
    }

    [Theory]
    [InlineData(ToolNames.DeleteFile, "../outside/canary.txt", "", "leaves the repository")]
    [InlineData(ToolNames.DeleteFile, ".git/config", "", "inside .git")]
    [InlineData(ToolNames.DeleteFile, ".squad.yml", "", "is a protected path (.squad.yml)")]
    [InlineData(ToolNames.DeleteFile, ".github/workflows/ci.yml", "", "is a protected path (.github/workflows/**)")]
    [InlineData(ToolNames.DeleteFile, "link.txt", "", "symbolic link")]
    [InlineData(ToolNames.DeleteFile, "mid/canary.txt", "", "symbolic link")]
    [InlineData(ToolNames.DeleteFile, "src", "", "is a folder")]
    [InlineData(ToolNames.MoveFile, "src/app.txt", "../outside/moved.txt", "leaves the repository")]
    [InlineData(ToolNames.MoveFile, "src/app.txt", "mid/moved.txt", "symbolic link")]
    [InlineData(ToolNames.MoveFile, "src/app.txt", ".git/hooks/pre-commit", "inside .git")]
    [InlineData(ToolNames.MoveFile, "src/app.txt", ".squad.yml", "is a protected path")]
    [InlineData(ToolNames.MoveFile, "mid/canary.txt", "stolen.txt", "symbolic link")]
    [InlineData(ToolNames.MoveFile, "link.txt", "stolen.txt", "symbolic link")]
    public async Task DeleteOrMove_EscapesAndProtectedFiles_AreRefusedAndNothingChanges(string tool, string path, string to, string reason)
    {
        workspace.Write("src/app.txt", "app\n");
        workspace.Write(".squad.yml", "commands: {}\n");
        workspace.Write(".github/workflows/ci.yml", "on: push\n");
        Directory.CreateDirectory(workspace.PathOf(".git"));
        workspace.Write(".git/config", "[core]\n");
        File.CreateSymbolicLink(workspace.PathOf("link.txt"), canary);
        Directory.CreateSymbolicLink(workspace.PathOf("mid"), workspace.Outside);

        var result = await InvokeAsync(tool, ("path", path), ("to", to));

        Assert.Equal(ToolCallStatus.Failed, result.Status);
        Assert.Contains(reason, result.Output, StringComparison.Ordinal);
        Assert.Equal(Canary, File.ReadAllText(canary));
        Assert.Equal([canary], Directory.GetFileSystemEntries(workspace.Outside));
        Assert.Equal("app\n", workspace.Read("src/app.txt"));
        Assert.True(File.Exists(workspace.PathOf(".squad.yml")) && File.Exists(workspace.PathOf(".git/config")));
    }

    [Fact]
    public async Task DeleteFile_Fifo_IsRefusedAndKept()
    {
        UnixFiles.MakeFifo(workspace.PathOf("pipe"));

        var result = await InvokeAsync(ToolNames.DeleteFile, ("path", "pipe"));

        Assert.Equal("error: 'pipe' is a FIFO (named pipe), not a regular file: file tools only read and write regular files", result.Output);
        Assert.True(Path.Exists(workspace.PathOf("pipe")));
    }

    [Theory]
    [InlineData(ToolNames.DeleteFile)]
    [InlineData(ToolNames.MoveFile)]
    public async Task DeleteOrMove_ByAReadOnlyRole_IsRefusedEvenWhenItsListNamesThem(string tool)
    {
        workspace.Write("src/app.txt", "app\n");
        var reader = TestAgents.Reader([.. TestAgents.ReviewerTools, tool]);

        var result = await toolBox.InvokeAsync(tool, TestAgents.Args(("path", "src/app.txt"), ("to", "x.txt")), workspace.Context(reader));

        Assert.Equal(ToolCallStatus.Refused, result.Status);
        Assert.Equal("app\n", workspace.Read("src/app.txt"));
        Assert.DoesNotContain(tool, toolBox.DeclarationsFor(reader).Select(d => d.Name));
    }
}
