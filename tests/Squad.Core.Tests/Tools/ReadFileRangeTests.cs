using System.Globalization;
using Squad.Core.Tools;

namespace Squad.Core.Tests.Tools;

/// <summary>read_file's ranges, numbered lines, "lines X-Y of N" and the outline of a large file read whole.</summary>
public sealed class ReadFileRangeTests : IDisposable
{
    private readonly TestWorkspace workspace = new();
    private readonly ToolBox toolBox = new();

    public void Dispose() => workspace.Dispose();

    private Task<ToolCallResult> ReadAsync(params (string Name, string Value)[] arguments)
        => toolBox.InvokeAsync(ToolNames.ReadFile, TestAgents.Args(arguments), workspace.Context(TestAgents.Writer()));

    private static string Lines(int count) => string.Concat(Enumerable.Range(1, count).Select(n => $"line {n}\n"));

    [Fact]
    public async Task ReadFile_SmallFileWhole_ComesAsItIs()
    {
        workspace.Write("notes.txt", "alpha\nbeta\n");

        var result = await ReadAsync(("path", "notes.txt"));

        Assert.Equal("alpha\nbeta\n", result.Output);
    }

    [Fact]
    public async Task ReadFile_Range_AnswersNumberedLinesAndWhereTheyAre()
    {
        workspace.Write("notes.txt", Lines(50));

        var result = await ReadAsync(("path", "notes.txt"), ("start", "10"), ("end", "12"));

        Assert.Equal("    10\tline 10\n    11\tline 11\n    12\tline 12\n[lines 10-12 of 50; read_file path=notes.txt start=13 for more]", result.Output);
    }

    [Fact]
    public async Task ReadFile_RangePastTheEnd_SaysHowManyLinesThereAre()
    {
        workspace.Write("notes.txt", Lines(5));

        var tail = await ReadAsync(("path", "notes.txt"), ("start", "4"), ("end", "99"));
        var past = await ReadAsync(("path", "notes.txt"), ("start", "9"));
        var bad = await ReadAsync(("path", "notes.txt"), ("start", "-3"));

        Assert.Equal("     4\tline 4\n     5\tline 5\n[lines 4-5 of 5]", tail.Output);
        Assert.Equal("error: start=9 is past the end of 'notes.txt', which has 5 lines", past.Output);
        Assert.Equal("error: argument 'start' must be a whole number of at least 1, not '-3'", bad.Output);
    }

    [Fact]
    public async Task ReadFile_LargeCSharpFileWhole_StartsWithItsOutlineThenTheFirstWindow()
    {
        var source = "namespace Shop;\n\npublic sealed class Cart\n{\n    public decimal Total(int items)\n    {\n        return Price(items);\n    }\n"
            + string.Concat(Enumerable.Range(1, 700).Select(n => $"    // filler {n}\n"))
            + "    private static decimal Price(int items) => items * 2m;\n}\n";
        workspace.Write("Cart.cs", source);

        var result = await ReadAsync(("path", "Cart.cs"));

        Assert.StartsWith("[outline of Cart.cs: 4 declarations]\n     1\tnamespace Shop;\n     3\tpublic sealed class Cart\n     5\t    public decimal Total(int items)\n   709\t    private static decimal Price(int items) => items * 2m;\n[file starts]\n     1\tnamespace Shop;\n", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("return Price", result.Output.Split("[file starts]")[0], StringComparison.Ordinal);
        Assert.EndsWith($"   400\t    // filler 392\n[lines 1-400 of 710; read_file path=Cart.cs start=401 for more]", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadFile_SameTextAgainAndThenChanged_OutlinesWhatTheFileHoldsEachTime()
    {
        var filler = string.Concat(Enumerable.Range(1, 700).Select(n => $"    // filler {n}\n"));
        workspace.Write("Cart.cs", "public sealed class Cart\n{\n" + filler + "}\n");
        workspace.Write("Other/Cart.cs", "public sealed class Cart\n{\n" + filler + "}\n");

        var first = await ReadAsync(("path", "Cart.cs"));
        var same = await ReadAsync(("path", "Other/Cart.cs"));
        workspace.Write("Cart.cs", "public sealed class Cart\n{\n    public int Count() => 0;\n" + filler + "}\n");
        var changed = await ReadAsync(("path", "Cart.cs"));

        Assert.StartsWith("[outline of Cart.cs: 1 declarations]\n     1\tpublic sealed class Cart\n[file starts]", first.Output, StringComparison.Ordinal);
        Assert.StartsWith("[outline of Other/Cart.cs: 1 declarations]\n     1\tpublic sealed class Cart\n[file starts]", same.Output, StringComparison.Ordinal);
        Assert.StartsWith("[outline of Cart.cs: 2 declarations]\n     1\tpublic sealed class Cart\n     3\t    public int Count() => 0;\n[file starts]", changed.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("app.py", "import os\n\nclass Shop:\n    async def pay(self):\n        pass\n\ndef main():\n    pass\n", "3,4,7")]
    [InlineData("app.ts", "import x from 'y';\nexport class Shop {}\nexport async function pay(): Promise<void> {}\nconst add = (a: number) => a + 1;\ninterface Item { id: string }\n", "2,3,4,5")]
    public async Task ReadFile_LargeFile_OutlinesPythonAndTypeScript(string path, string head, string expected)
    {
        workspace.Write(path, head + string.Concat(Enumerable.Range(1, 700).Select(n => $"# {n}\n")));

        var result = await ReadAsync(("path", path));

        var outline = result.Output.Split("[file starts]")[0].Split('\n').Skip(1).Where(l => l.Length > 0)
            .Select(l => int.Parse(l.Split('\t')[0].Trim(), CultureInfo.InvariantCulture));
        Assert.Equal(expected, string.Join(',', outline));
    }

    [Fact]
    public async Task ReadFile_KeptOutputPathWithDotDot_IsRefusedLikeAnyPath()
    {
        var result = await ReadAsync(("path", ".squad/output/../../../outside/secret.txt"));
        var none = await ReadAsync(("path", ".squad/output/1.txt"));

        Assert.Equal("error: path '.squad/output/../../../outside/secret.txt' leaves the repository ('..' is not allowed)", result.Output);
        Assert.Equal("error: file '.squad/output/1.txt' does not exist", none.Output);
    }
}
