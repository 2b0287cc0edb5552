using Squad.Core.Tools;

namespace Squad.Core.Tests.Tools;

/// <summary>FIFOs in the tree: refused by read_file, skipped by list_files and search_files, and nothing waits on them.</summary>
public sealed class FileToolSpecialFileTests : IDisposable
{
    /// <summary>A guard against hanging the test run, not a speed goal: opening a FIFO without O_NONBLOCK waits forever.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(20);

    private readonly TestWorkspace workspace = new();
    private readonly ToolBox toolBox = new();

    public void Dispose() => workspace.Dispose();

    /// <summary>Runs the call on the thread pool, so a call that blocks in open(2) fails the test instead of hanging it.</summary>
    private Task<ToolCallResult> InvokeGuardedAsync(string tool, params (string Name, string Value)[] arguments)
        => Task.Run(() => toolBox.InvokeAsync(tool, TestAgents.Args(arguments), workspace.Context(TestAgents.Writer()))).WaitAsync(HangGuard);

    [LinuxFact]
    public async Task ReadFile_Fifo_IsRefusedWithoutWaitingForAWriter()
    {
        UnixFiles.MakeFifo(workspace.PathOf("pipe"));

        var result = await InvokeGuardedAsync(ToolNames.ReadFile, ("path", "pipe"));

        Assert.Equal(ToolCallStatus.Failed, result.Status);
        Assert.Equal("error: 'pipe' is a FIFO (named pipe), not a regular file: file tools only read and write regular files", result.Output);
    }

    [LinuxFact]
    public async Task WriteAndEditFile_Fifo_AreRefusedAndTheFifoKept()
    {
        UnixFiles.MakeFifo(workspace.PathOf("pipe"));

        var written = await InvokeGuardedAsync(ToolNames.WriteFile, ("path", "pipe"), ("content", "x"));
        var edited = await InvokeGuardedAsync(ToolNames.EditFile, ("path", "pipe"), ("old_text", "x"), ("new_text", "y"));

        Assert.Contains("is a FIFO (named pipe)", written.Output, StringComparison.Ordinal);
        Assert.Contains("is a FIFO (named pipe)", edited.Output, StringComparison.Ordinal);
        Assert.False(SafeFiles.IsRegularFile(workspace.PathOf("pipe")));
        Assert.True(File.Exists(workspace.PathOf("pipe")));
    }

    [LinuxFact]
    public async Task SearchFiles_TreeWithAFifo_SearchesTheRegularFilesAndSkipsIt()
    {
        workspace.Write("src/app.txt", "needle here\n");
        UnixFiles.MakeFifo(workspace.PathOf("a-pipe"));
        UnixFiles.MakeFifo(workspace.PathOf("src/needle-pipe"));

        var result = await InvokeGuardedAsync(ToolNames.SearchFiles, ("pattern", "needle"));

        Assert.Equal(ToolCallStatus.Ok, result.Status);
        Assert.Equal("src/app.txt:1: needle here", result.Output);
    }

    [LinuxFact]
    public async Task ListFiles_TreeWithFifoAndSymlinks_ListsOnlyTheRegularFiles()
    {
        UnixFiles.MakeFifo(workspace.PathOf("pipe"));
        workspace.Write("src/app.txt", "app");
        File.CreateSymbolicLink(workspace.PathOf("zero"), "/dev/zero");
        File.CreateSymbolicLink(workspace.PathOf("alias.txt"), "src/app.txt");
        Directory.CreateSymbolicLink(workspace.PathOf("out"), workspace.Outside);
        workspace.WriteOutside("secret.txt", "secret");

        var result = await InvokeGuardedAsync(ToolNames.ListFiles);

        Assert.Equal(ToolCallStatus.Ok, result.Status);
        Assert.Equal("src/app.txt", result.Output);
    }

    [Fact]
    public async Task SearchFiles_SymlinkToDevZeroAndOutsideFile_AreNotRead()
    {
        File.CreateSymbolicLink(workspace.PathOf("zero"), "/dev/zero");
        File.CreateSymbolicLink(workspace.PathOf("secret-link"), workspace.WriteOutside("secret.txt", "needle outside\n"));
        workspace.Write("inside.txt", "needle inside\n");

        var result = await InvokeGuardedAsync(ToolNames.SearchFiles, ("pattern", "needle"));

        Assert.Equal("inside.txt:1: needle inside", result.Output);
    }
}
