using Squad.Core.Tools;

namespace Squad.Core.Tests.Tools;

/// <summary>The size limits of the file tools: what a large, binary or long-lined file gives back.</summary>
public sealed class FileToolLimitTests : IDisposable
{
    private const int MiB = 1024 * 1024;
    private readonly TestWorkspace workspace = new();
    private readonly ToolBox toolBox = new();

    public void Dispose() => workspace.Dispose();

    private Task<ToolCallResult> InvokeAsync(string tool, params (string Name, string Value)[] arguments)
        => toolBox.InvokeAsync(tool, TestAgents.Args(arguments), workspace.Context(TestAgents.Writer()));

    [Fact]
    public async Task ReadFile_FiveMiBFile_AnswersTheCappedStartOfItsFirstMiBAndSaysSo()
    {
        workspace.Write("big.txt", "HEAD" + new string('a', (5 * MiB) - 8) + "TAIL");

        var result = await InvokeAsync(ToolNames.ReadFile, ("path", "big.txt"));

        Assert.Equal(ToolCallStatus.Ok, result.Status);
        Assert.StartsWith("     1\tHEAD", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("TAIL", result.Output, StringComparison.Ordinal);
        Assert.Contains("…\n[lines 1-1 of 1]", result.Output, StringComparison.Ordinal);
        Assert.EndsWith("[file 'big.txt' is 5242880 bytes: only its first 1048576 bytes (1 MiB) were read]", result.Output, StringComparison.Ordinal);
        Assert.True(result.Output.Length < 61_000, $"{result.Output.Length} characters");
    }

    [Fact]
    public async Task ReadFile_BinaryFile_SaysItIsBinaryInsteadOfDumpingIt()
    {
        File.WriteAllBytes(workspace.PathOf("image.png"), [0x89, (byte)'P', (byte)'N', (byte)'G', 0, 0, 0, 13]);

        var result = await InvokeAsync(ToolNames.ReadFile, ("path", "image.png"));

        Assert.Equal(ToolCallStatus.Failed, result.Status);
        Assert.Equal("error: file 'image.png' is binary (8 bytes, holding NUL bytes): read_file shows text files only", result.Output);
    }

    [Fact]
    public async Task WriteFile_TwoMiBContent_IsRefusedAndWritesNothing()
    {
        var result = await InvokeAsync(ToolNames.WriteFile, ("path", "big.txt"), ("content", new string('a', 2 * MiB)));

        Assert.Equal(ToolCallStatus.Failed, result.Status);
        Assert.Equal("error: content is 2097152 bytes: file tools write at most 1048576 bytes (1 MiB) per file", result.Output);
        Assert.False(File.Exists(workspace.PathOf("big.txt")));
    }

    [Fact]
    public async Task WriteFile_ExactlyOneMiB_IsWritten()
    {
        var result = await InvokeAsync(ToolNames.WriteFile, ("path", "edge.txt"), ("content", new string('a', MiB)));

        Assert.Equal(ToolCallStatus.Ok, result.Status);
        Assert.Equal(MiB, new FileInfo(workspace.PathOf("edge.txt")).Length);
    }

    [Fact]
    public async Task EditFile_FileOverOneMiB_IsRefusedAndUnchanged()
    {
        var content = "needle" + new string('a', 2 * MiB);
        workspace.Write("big.txt", content);

        var result = await InvokeAsync(ToolNames.EditFile, ("path", "big.txt"), ("old_text", "needle"), ("new_text", "pin"));

        Assert.Equal(ToolCallStatus.Failed, result.Status);
        Assert.Equal("error: file 'big.txt' is 2097158 bytes: edit_file edits files of at most 1048576 bytes (1 MiB)", result.Output);
        Assert.Equal(content, workspace.Read("big.txt"));
    }

    [Fact]
    public async Task EditFile_ResultOverOneMiB_IsRefusedAndUnchanged()
    {
        workspace.Write("a.txt", "needle\n");

        var result = await InvokeAsync(ToolNames.EditFile, ("path", "a.txt"), ("old_text", "needle"), ("new_text", new string('b', MiB)));

        Assert.Equal(ToolCallStatus.Failed, result.Status);
        Assert.StartsWith("error: the edited file is 1048577 bytes", result.Output, StringComparison.Ordinal);
        Assert.Equal("needle\n", workspace.Read("a.txt"));
    }

    [Fact]
    public async Task EditFile_FileWithByteOrderMark_KeepsIt()
    {
        File.WriteAllBytes(workspace.PathOf("bom.txt"), [0xEF, 0xBB, 0xBF, (byte)'o', (byte)'l', (byte)'d']);

        var result = await InvokeAsync(ToolNames.EditFile, ("path", "bom.txt"), ("old_text", "old"), ("new_text", "new"));

        Assert.Equal(ToolCallStatus.Ok, result.Status);
        Assert.Equal([0xEF, 0xBB, 0xBF, (byte)'n', (byte)'e', (byte)'w'], File.ReadAllBytes(workspace.PathOf("bom.txt")));
    }

    [Fact]
    public async Task SearchFiles_LongMatchingLine_IsCutAtThreeHundredCharacters()
    {
        workspace.Write("min.js", "needle" + new string('x', 10_000) + "\n");

        var result = await InvokeAsync(ToolNames.SearchFiles, ("pattern", "needle"));

        Assert.Equal("min.js:1: needle" + new string('x', 294) + "…\n[1 matching line was cut at 300 characters (…); read_file with start and end shows a line whole]", result.Output);
    }

    [Fact]
    public async Task SearchFiles_ManyMatches_StopsAtTwoHundredWithANote()
    {
        workspace.Write("many.txt", string.Concat(Enumerable.Repeat("needle\n", 500)));

        var result = await InvokeAsync(ToolNames.SearchFiles, ("pattern", "needle"));

        var lines = result.Output.Split('\n');
        Assert.Equal(201, lines.Length);
        Assert.Equal("many.txt:200: needle", lines[199]);
        Assert.Equal("[stopped at 200 matches (200 matches or 20000 characters at most); narrow the pattern or the path]", lines[200]);
    }

    [Fact]
    public async Task SearchFiles_LongMatchesFillingTheCharacterBudget_StopBeforeTwentyThousandCharacters()
    {
        workspace.Write("wide.txt", string.Concat(Enumerable.Repeat("needle" + new string('y', 1000) + "\n", 150)));

        var result = await InvokeAsync(ToolNames.SearchFiles, ("pattern", "needle"));

        var note = result.Output[(result.Output.LastIndexOf('\n') + 1)..];
        Assert.StartsWith("[stopped at 63 matches", note, StringComparison.Ordinal);
        Assert.True(result.Output.Length - note.Length <= 20_000, $"{result.Output.Length} characters");
    }

    [Fact]
    public async Task SearchFiles_MatchPastTheFirstMiB_IsNotFound()
    {
        workspace.Write("big.txt", new string('a', MiB) + "\nneedle\n");

        var result = await InvokeAsync(ToolNames.SearchFiles, ("pattern", "needle"));

        Assert.Equal("no matches", result.Output);
    }
}
