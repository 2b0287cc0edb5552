using Squad.Core.Orchestration;
using Squad.Core.Tests.Tools;

namespace Squad.Core.Tests.Orchestration;

/// <summary>What the merge gate measures of a diff, read from one <c>git diff --raw --numstat</c> of real commits.</summary>
public sealed class DiffSizeTests : IDisposable
{
    private readonly TestWorkspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Fact]
    public async Task Measure_TextBinaryNewAndOddlyNamedFiles_CountsLinesOfTextAndBytesOfEach()
    {
        await workspace.InitGitAsync();
        workspace.Write("text.txt", "one\ntwo\n");
        await File.WriteAllBytesAsync(workspace.PathOf("image.bin"), [0, 1, 2, 3]);
        await workspace.GitOutputAsync("add", "-A");
        await workspace.GitOutputAsync("commit", "-q", "-m", "base");
        var baseSha = await workspace.GitOutputAsync("rev-parse", "HEAD");

        workspace.Write("text.txt", "one\nthree\nfour\n");
        await File.WriteAllBytesAsync(workspace.PathOf("image.bin"), new byte[4096]);
        // Names a parser of the combined output could take for one of its own entries.
        workspace.Write(":100644 100644 a b M", "x\n");
        workspace.Write("1\t2\tname", "y\nz\n");
        await workspace.GitOutputAsync("add", "-A");
        await workspace.GitOutputAsync("commit", "-q", "-m", "head");
        var head = await workspace.GitOutputAsync("rev-parse", "HEAD");

        var size = await DiffSize.MeasureAsync(workspace.Git, workspace.Root, baseSha, head, CancellationToken.None);

        Assert.Equal(["1\t2\tname", ":100644 100644 a b M", "image.bin", "text.txt"], size.Paths.Order(StringComparer.Ordinal));
        // text.txt: 2 added, 1 removed; the two new files: 1 and 2 lines; the binary file none.
        Assert.Equal(6, size.Lines);
        // text.txt grew by 7 bytes, the new files are 2 and 4 bytes, the binary file counts its larger size.
        Assert.Equal(7 + 2 + 4 + 4096, size.Bytes);
    }
}
