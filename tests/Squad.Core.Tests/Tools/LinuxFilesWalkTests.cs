using System.Runtime.Versioning;
using Squad.Core.Tools;

namespace Squad.Core.Tests.Tools;

/// <summary>
/// The path taken where openat2 is missing (Linux before 5.6, or a seccomp filter refusing it): one openat(O_NOFOLLOW)
/// per component. It must refuse the same escapes.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class LinuxFilesWalkTests : IDisposable
{
    private const string Canary = "canary outside the tree\n";
    private readonly TestWorkspace workspace = new();
    private readonly LinuxFiles files = new(useOpenat2: false);
    private readonly string canary;

    public LinuxFilesWalkTests()
    {
        canary = workspace.WriteOutside("canary.txt", Canary);
        Directory.CreateSymbolicLink(workspace.PathOf("mid"), workspace.Outside);
        File.CreateSymbolicLink(workspace.PathOf("last.txt"), canary);
    }

    public void Dispose() => workspace.Dispose();

    [LinuxTheory]
    [InlineData("mid/canary.txt")]
    [InlineData("last.txt")]
    public void OpenRead_SymlinkOnTheWay_IsRefused(string path)
    {
        var ex = Assert.Throws<ToolException>(() => files.OpenRead(workspace.Root, WorkspacePaths.Segments(path), path, out _));

        Assert.Matches("symbolic link|not a folder", ex.Message);
    }

    [LinuxTheory]
    [InlineData("mid/canary.txt")]
    [InlineData("mid/new.txt")]
    [InlineData("last.txt")]
    public void Write_SymlinkOnTheWay_IsRefusedAndOutsideUnchanged(string path)
    {
        Assert.Throws<ToolException>(() => files.Write(workspace.Root, WorkspacePaths.Segments(path), path, "pwned"u8));

        Assert.Equal(Canary, File.ReadAllText(canary));
        Assert.Equal([canary], Directory.GetFileSystemEntries(workspace.Outside));
    }

    [LinuxFact]
    public void OpenRead_FifoAndHardLink_AreRefused()
    {
        UnixFiles.MakeFifo(workspace.PathOf("pipe"));
        UnixFiles.HardLink(canary, workspace.PathOf("hard.txt"));

        var fifo = Assert.Throws<ToolException>(() => files.OpenRead(workspace.Root, ["pipe"], "pipe", out _));
        var hard = Assert.Throws<ToolException>(() => files.OpenRead(workspace.Root, ["hard.txt"], "hard.txt", out _));

        Assert.Contains("FIFO", fifo.Message, StringComparison.Ordinal);
        Assert.Contains("hard links", hard.Message, StringComparison.Ordinal);
    }

    [LinuxFact]
    public void WriteThenOpenRead_RegularFileInNewFolders_RoundTrips()
    {
        files.Write(workspace.Root, ["a", "b", "c.txt"], "a/b/c.txt", "hello"u8);

        using var handle = files.OpenRead(workspace.Root, ["a", "b", "c.txt"], "a/b/c.txt", out var status);

        Assert.Equal(5UL, status.Size);
        Assert.Equal("hello", workspace.Read("a/b/c.txt"));
    }
}
