using Squad.Core.Git;
using Squad.Core.Tools;

namespace Squad.Core.Tests.Tools;

/// <summary>
/// A reviewer reads the head's commit from git's objects (<see cref="CommitFiles"/>): the read tools answer as they answer
/// on a work tree of that commit (the same listing, contents and refusals), and what is on disk afterwards changes nothing.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class CommitFilesTests : IDisposable
{
    private readonly TestWorkspace workspace = new();
    private readonly ToolBox toolBox = new();

    public void Dispose() => workspace.Dispose();

    /// <summary>A repository with build outputs, an executable, a binary, a large file, links and a submodule, committed.</summary>
    private async Task<string> CommitRepositoryAsync()
    {
        await workspace.InitGitAsync();
        workspace.Write("a.txt", "alpha\n");
        workspace.Write("src/b.cs", "class B { } // needle\n");
        workspace.Write("src/obj/gen.cs", "needle generated\n");
        workspace.Write("bin/out.txt", "needle out\n");
        workspace.Write("docs/guide.md", "# Guide\nneedle in the docs\n");
        workspace.Write("run.sh", "echo needle\n");
        File.SetUnixFileMode(workspace.PathOf("run.sh"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await File.WriteAllBytesAsync(workspace.PathOf("data.bin"), [(byte)'n', 0, (byte)'x']);
        workspace.Write("big.txt", "needle at the top\n" + string.Concat(Enumerable.Repeat(new string('x', 99) + "\n", 12_000)) + "needle past the first MiB\n");
        File.CreateSymbolicLink(workspace.PathOf("link.txt"), "a.txt");
        File.CreateSymbolicLink(workspace.PathOf("lnk"), "src");
        await workspace.Git.RunAsync(workspace.Root, ["add", "-A"]);
        var first = await workspace.GitOutputAsync("rev-parse", "HEAD");
        await workspace.Git.RunAsync(workspace.Root, ["update-index", "--add", "--cacheinfo", $"160000,{first},vendor/sub"]);
        await workspace.Git.RunAsync(workspace.Root, ["commit", "-q", "-m", "files"], extraEnvironment: GitCli.AuthorEnvironment(TestAgents.Setup));
        Directory.CreateDirectory(workspace.PathOf("vendor/sub")); // what a checkout leaves of a submodule
        return await workspace.GitOutputAsync("rev-parse", "HEAD");
    }

    private ToolContext CommitContext(string commit) => new()
    {
        WorkspaceRoot = "",
        Commit = new CommitFiles(workspace.Git, workspace.Root, commit),
        Agent = TestAgents.Reader(),
        Commands = workspace.Context(TestAgents.Reader()).Commands,
        Git = workspace.Git,
        Signature = TestWorkspace.Signature,
    };

    private async Task<(ToolCallStatus Status, string Output)> InvokeAsync(ToolContext context, string tool, params (string Name, string Value)[] arguments)
    {
        var result = await toolBox.InvokeAsync(tool, TestAgents.Args(arguments), context);
        return (result.Status, result.Output);
    }

    /// <summary>The tool's answer on the work tree and on its commit, which must be the same.</summary>
    private async Task AnswersAlikeAsync(string tool, params (string Name, string Value)[] arguments)
    {
        var commit = await CommitRepositoryAsync();

        var onDisk = await InvokeAsync(workspace.Context(TestAgents.Reader()), tool, arguments);
        var fromCommit = await InvokeAsync(CommitContext(commit), tool, arguments);

        Assert.Equal(onDisk, fromCommit);
    }

    [LinuxTheory]
    [InlineData(".")]
    [InlineData("src")]
    [InlineData("bin")]
    [InlineData("src/obj")]
    [InlineData("docs/")]
    [InlineData("lnk")]
    [InlineData("a.txt")]
    [InlineData("vendor/sub")]
    [InlineData("missing")]
    [InlineData("../outside")]
    public Task ListFiles_AnswersAsOnTheWorkTree(string folder) => AnswersAlikeAsync(ToolNames.ListFiles, ("path", folder));

    [LinuxTheory]
    [InlineData("a.txt")]
    [InlineData("src/b.cs")]
    [InlineData("./src//b.cs")]
    [InlineData("bin/out.txt")]
    [InlineData("run.sh")]
    [InlineData("big.txt")]
    [InlineData("data.bin")]
    [InlineData("link.txt")]
    [InlineData("lnk/b.cs")]
    [InlineData("a.txt/x")]
    [InlineData("src")]
    [InlineData("missing.txt")]
    [InlineData("src/missing.cs")]
    [InlineData("vendor/sub")]
    [InlineData("vendor/sub/x")]
    [InlineData("../outside/secret")]
    [InlineData(".git/config")]
    public Task ReadFile_AnswersAsOnTheWorkTree(string path) => AnswersAlikeAsync(ToolNames.ReadFile, ("path", path));

    [LinuxTheory]
    [InlineData("needle", ".")]
    [InlineData("ne+dle", ".")]
    [InlineData("^class", "src")]
    [InlineData("needle", "bin")]
    [InlineData("x{99}", ".")]
    [InlineData("needle", "lnk")]
    [InlineData("needle", "missing")]
    public Task SearchFiles_AnswersAsOnTheWorkTree(string pattern, string folder)
        => AnswersAlikeAsync(ToolNames.SearchFiles, ("pattern", pattern), ("path", folder));

    [LinuxFact]
    public async Task WhatTheDiskHoldsLater_ChangesNothingTheCommitShows()
    {
        var commit = await CommitRepositoryAsync();
        var context = CommitContext(commit);
        var before = await InvokeAsync(context, ToolNames.SearchFiles, ("pattern", "needle"));

        // What a hostile command would do where it could: rewrite the source, plant a file, swap a file for a link.
        workspace.Write("src/b.cs", "class B { } // harmless\n");
        workspace.Write("src/planted.cs", "needle planted\n");
        File.Delete(workspace.PathOf("a.txt"));
        File.CreateSymbolicLink(workspace.PathOf("a.txt"), "/etc/passwd");

        Assert.Equal(before, await InvokeAsync(context, ToolNames.SearchFiles, ("pattern", "needle")));
        Assert.Equal((ToolCallStatus.Ok, "class B { } // needle\n"), await InvokeAsync(context, ToolNames.ReadFile, ("path", "src/b.cs")));
        Assert.Equal((ToolCallStatus.Ok, "alpha\n"), await InvokeAsync(context, ToolNames.ReadFile, ("path", "a.txt")));
        Assert.DoesNotContain("planted", (await InvokeAsync(context, ToolNames.ListFiles, ("path", "src"))).Output, StringComparison.Ordinal);
    }

    [LinuxFact]
    public async Task BlobsReadOnce_AnswerTheNextSearch_WithoutGit()
    {
        var commit = await CommitRepositoryAsync();
        var context = CommitContext(commit);
        var first = await InvokeAsync(context, ToolNames.SearchFiles, ("pattern", "needle"), ("path", "src"));

        // The listing is the commit's, kept by its reader; the blobs were kept when first read: git is not asked again.
        Directory.Move(Path.Combine(workspace.Root, ".git"), Path.Combine(workspace.Temp, "moved.git"));

        Assert.Equal(first, await InvokeAsync(context, ToolNames.SearchFiles, ("pattern", "needle"), ("path", "src")));
        Assert.Contains("src/b.cs:1: class B { } // needle", first.Output, StringComparison.Ordinal);
        Assert.Equal((ToolCallStatus.Ok, "class B { } // needle\n"), await InvokeAsync(context, ToolNames.ReadFile, ("path", "src/b.cs")));
    }

    [Fact]
    public void ContentThatIsNotTheBlob_IsNeverKept()
    {
        var content = "kept only when it is the blob\n"u8.ToArray();
        var blob = BlobId.Of(content);
        var other = BlobId.Of("another content\n"u8);

        KnownContents.Keep(other, content);
        KnownContents.Keep(blob, content);

        Assert.Null(KnownContents.Content(other));
        Assert.Equal(content, KnownContents.Content(blob));
    }

    [Fact]
    public void ACommitByName_IsRefused()
        => Assert.Throws<ArgumentException>(() => new CommitFiles(workspace.Git, workspace.Root, "HEAD"));
}
