using System.Runtime.Versioning;
using System.Text;
using Squad.Core.Orchestration;
using Squad.Core.Tools;
using N = Squad.Core.Tools.NativeMethods;

namespace Squad.Core.Tests.Tools;

/// <summary>
/// search_files answers a registered file from its blob's kept content (<see cref="KnownContents"/>) only while the file
/// is untouched: a change the stamp does not show by size or modification time still shows by change time, content that
/// is not the blob is never kept, and a link swapped in is skipped as before.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class KnownContentsTests : IDisposable
{
    private readonly TestWorkspace workspace = new();
    private readonly ToolBox toolBox = new();

    public void Dispose() => workspace.Dispose();

    private async Task<string> SearchAsync(string pattern)
        => (await toolBox.InvokeAsync(ToolNames.SearchFiles, TestAgents.Args(("pattern", pattern)), workspace.Context(TestAgents.Writer()))).Output;

    /// <summary>Commits the tree and registers its files as the commit's blobs, as Squad does for the trees it writes.</summary>
    private async Task<Dictionary<string, FileStamp>> CommitAndRegisterAsync(Func<List<WorktreeIndex.Entry>, List<WorktreeIndex.Entry>>? entries = null)
    {
        await workspace.Git.RunAsync(workspace.Root, ["add", "-A"]);
        await workspace.Git.RunAsync(workspace.Root, ["commit", "-q", "-m", "files"], extraEnvironment: Squad.Core.Git.GitCli.AuthorEnvironment(TestAgents.Setup));
        var tree = (await WorktreeIndex.ReadTreeAsync(workspace.Git, workspace.Root, "HEAD", CancellationToken.None))!;
        var scan = TreeStamps.Scan(workspace.Root);
        TreeStamps.WaitPast(scan.Files.Values);
        KnownContents.Register(scan.Files, entries is null ? tree : entries(tree));
        return scan.Files;
    }

    private FileStamp StampOf(string relative) => StampAt(workspace.PathOf(relative));

    [LinuxFact]
    public async Task RewriteAtTheSameSizeAndModificationTime_IsSeen_TheKeptBlobIsNot()
    {
        await workspace.InitGitAsync();
        workspace.Write("src/a.txt", "needle one\n");
        var stamps = await CommitAndRegisterAsync();

        Assert.Contains("src/a.txt:1: needle one", await SearchAsync("needle"), StringComparison.Ordinal);
        Assert.Equal("needle one\n"u8.ToArray(), KnownContents.Find(StampOf("src/a.txt")));
        Assert.Contains("src/a.txt:1: needle one", await SearchAsync("needle"), StringComparison.Ordinal);

        // What a hostile command could do: the same number of bytes, the modification time put back to the nanosecond.
        var was = stamps["src/a.txt"];
        await File.WriteAllTextAsync(workspace.PathOf("src/a.txt"), "needle two\n");
        var times = new Timespecs
        {
            Accessed = new Timespec { Nanoseconds = N.UtimeOmit },
            Modified = new Timespec { Seconds = was.ModifiedSeconds, Nanoseconds = was.ModifiedNanoseconds },
        };
        Assert.Equal(0, N.Utimensat(N.AtFdCwd, workspace.PathOf("src/a.txt"), in times, 0));
        var now = StampOf("src/a.txt");
        Assert.Equal((was.Size, was.ModifiedSeconds, was.ModifiedNanoseconds), (now.Size, now.ModifiedSeconds, now.ModifiedNanoseconds));

        var after = await SearchAsync("needle");

        Assert.Contains("src/a.txt:1: needle two", after, StringComparison.Ordinal);
        Assert.DoesNotContain("needle one", after, StringComparison.Ordinal);
        Assert.Null(KnownContents.Find(now));
    }

    [LinuxFact]
    public async Task ContentThatIsNotTheRegisteredBlob_IsNeverKept()
    {
        await workspace.InitGitAsync();
        workspace.Write("b.txt", "needle real\n");
        var wrong = BlobId.Of("needle fake\n"u8);
        await CommitAndRegisterAsync(tree => [.. tree.Select(entry => entry.Path == "b.txt" ? entry with { ObjectId = Bytes(wrong) } : entry)]);

        var result = await SearchAsync("needle");

        Assert.Contains("b.txt:1: needle real", result, StringComparison.Ordinal);
        Assert.Null(KnownContents.Find(StampOf("b.txt")));
    }

    [LinuxFact]
    public async Task TreeWithAttributes_IsNotRegistered()
    {
        await workspace.InitGitAsync();
        workspace.Write(".gitattributes", "*.txt text eol=crlf\n");
        workspace.Write("c.txt", "needle crlf\n");
        await CommitAndRegisterAsync();

        Assert.Contains("c.txt:1: needle crlf", await SearchAsync("needle"), StringComparison.Ordinal);
        Assert.Null(KnownContents.Find(StampOf("c.txt")));
    }

    [LinuxFact]
    public async Task HardLinkMadeAfterTheContentWasKept_IsSkippedAsBefore()
    {
        await workspace.InitGitAsync();
        workspace.Write("d.txt", "needle linked\n");
        await CommitAndRegisterAsync();
        Assert.Contains("d.txt:1: needle linked", await SearchAsync("needle"), StringComparison.Ordinal);

        UnixFiles.HardLink(workspace.PathOf("d.txt"), workspace.PathOf("e.txt"));

        Assert.DoesNotContain("needle linked", await SearchAsync("needle"), StringComparison.Ordinal);
    }

    [LinuxFact]
    public async Task SquadsOwnCopyAndWorkTree_AreRegistered_OneReadServesBoth_UntilAWriteInTheWorkTree()
    {
        using var origin = await Orchestration.OriginRepository.CreateAsync(new Dictionary<string, string?> { ["src/g.txt"] = "needle shared\n", ["h.txt"] = "other\n" });
        var head = await workspace.Git.RevParseAsync(origin.Path, "HEAD");
        var workspaces = new WorkspaceManager(workspace.Git, origin.Clones, origin.Worktrees) { KeepsSpareCopies = true };
        var copy = await workspaces.CreateCopyAsync(origin.Info, head, head, "K-1-read");
        var tree = await workspaces.CreateAsync(origin.Info, "squad/k-2", "K-2");
        try
        {
            Assert.Contains("src/g.txt:1: needle shared", await SearchInAsync(copy.Path, "needle"), StringComparison.Ordinal);

            // Another file, another inode, the same blob: known without reading it.
            Assert.Equal("needle shared\n"u8.ToArray(), KnownContents.Find(StampAt(Path.Combine(copy.Path, "src", "g.txt"))));
            Assert.Equal("needle shared\n"u8.ToArray(), KnownContents.Find(StampAt(Path.Combine(tree.Path, "src", "g.txt"))));
            Assert.Contains("src/g.txt:1: needle shared", await SearchInAsync(tree.Path, "needle"), StringComparison.Ordinal);

            await File.WriteAllTextAsync(Path.Combine(tree.Path, "src", "g.txt"), "needle edited\n");

            Assert.Contains("src/g.txt:1: needle edited", await SearchInAsync(tree.Path, "needle"), StringComparison.Ordinal);
            Assert.Contains("src/g.txt:1: needle shared", await SearchInAsync(copy.Path, "needle"), StringComparison.Ordinal);
        }
        finally
        {
            await workspaces.RemoveAsync(copy);
            await workspaces.RemoveAsync(tree);
            workspaces.DropSpares();
        }
    }

    private async Task<string> SearchInAsync(string root, string pattern)
    {
        var given = workspace.Context(TestAgents.Reader());
        var context = new ToolContext { WorkspaceRoot = root, Agent = given.Agent, Commands = given.Commands, Git = given.Git, Signature = given.Signature };
        return (await toolBox.InvokeAsync(ToolNames.SearchFiles, TestAgents.Args(("pattern", pattern)), context)).Output;
    }

    private static FileStamp StampAt(string path)
    {
        Assert.True(TreeStamps.TryStamp(N.AtFdCwd, path, out var stamp));
        return stamp;
    }

    [LinuxFact]
    public async Task BlobId_IsGitsObjectId()
    {
        await workspace.InitGitAsync();
        var content = "héllo\0binary\nline\n";
        workspace.Write("f.bin", content);

        var git = await workspace.GitOutputAsync("hash-object", "f.bin");

        Assert.Equal(BlobId.Parse(git), BlobId.Of(Encoding.UTF8.GetBytes(content)));
        Assert.Null(BlobId.Parse(git.AsSpan(0, 39)));
    }

    private static byte[] Bytes(BlobId id)
    {
        var bytes = new byte[20];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes, id.High);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(8), id.Middle);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(16), id.Low);
        return bytes;
    }
}
