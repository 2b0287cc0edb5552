using Squad.Core.Configuration;
using Squad.Core.Tools;

namespace Squad.Core.Tests.Tools;

/// <summary>After each write, the numbered lines around what changed; and the optional syntax check that refuses a breaking write.</summary>
public sealed class EditSnippetTests : IDisposable
{
    private readonly TestWorkspace workspace = new();
    private readonly ToolBox toolBox = new();

    public void Dispose() => workspace.Dispose();

    private Task<ToolCallResult> InvokeAsync(string tool, bool checkSyntax, params (string Name, string Value)[] arguments)
        => toolBox.InvokeAsync(tool, TestAgents.Args(arguments), workspace.Context(TestAgents.Writer(), new RepositoryConfig { CheckSyntax = checkSyntax }));

    [Fact]
    public async Task EditFile_AnswersTheChangedLinesNumberedWithContext()
    {
        workspace.Write("notes.txt", string.Concat(Enumerable.Range(1, 20).Select(n => $"line {n}\n")));

        var result = await InvokeAsync(ToolNames.EditFile, false, ("path", "notes.txt"), ("old_text", "line 10\n"), ("new_text", "ten\nTEN\n"));

        Assert.Equal("edited notes.txt\n     7\tline 7\n     8\tline 8\n     9\tline 9\n    10\tten\n    11\tTEN\n    12\tline 11\n    13\tline 12\n    14\tline 13\n[lines 7-14 of 21]", result.Output);
    }

    [Fact]
    public async Task WriteFile_NewFile_AnswersItsFirstLinesNumbered()
    {
        var result = await InvokeAsync(ToolNames.WriteFile, false, ("path", "src/new.txt"), ("content", "a\nb\n"));

        Assert.Equal("wrote src/new.txt\n     1\ta\n     2\tb\n[lines 1-2 of 2]", result.Output);
    }

    [Theory]
    [InlineData("Cart.cs", "class Cart\n{\n    int Total() => 1;\n}\n", "int Total() => 1;", "int Total( => 1;", "line 3, column")]
    [InlineData("cart.ts", "export function total() {\n  return [1, 2];\n}\n", "return [1, 2];", "return [1, 2;", "line 3: '}' does not close the '[' of line 2")]
    [InlineData("cart.json", "{\"total\": 1}\n", "1}", "1", "line")]
    public async Task EditFile_BreakingTheSyntax_IsRefusedWithTheReasonAndWritesNothing(string path, string content, string oldText, string newText, string reason)
    {
        workspace.Write(path, content);

        var result = await InvokeAsync(ToolNames.EditFile, true, ("path", path), ("old_text", oldText), ("new_text", newText));

        Assert.Equal(ToolCallStatus.Failed, result.Status);
        Assert.StartsWith($"error: the change would break the syntax of '{path}', so nothing was written: ", result.Output, StringComparison.Ordinal);
        Assert.Contains(reason, result.Output, StringComparison.Ordinal);
        Assert.Equal(content, workspace.Read(path));
    }

    [Fact]
    public async Task EditFile_BreakingTheSyntaxWithoutTheCheck_IsWritten()
    {
        workspace.Write("Cart.cs", "class Cart { }\n");

        var result = await InvokeAsync(ToolNames.EditFile, false, ("path", "Cart.cs"), ("old_text", "{ }"), ("new_text", "{"));

        Assert.Equal(ToolCallStatus.Ok, result.Status);
        Assert.Equal("class Cart {\n", workspace.Read("Cart.cs"));
    }

    [Fact]
    public async Task EditFile_FileBrokenBefore_IsNotHeldToTheCheck()
    {
        workspace.Write("Cart.cs", "class Cart {\n");

        var result = await InvokeAsync(ToolNames.EditFile, true, ("path", "Cart.cs"), ("old_text", "Cart"), ("new_text", "Basket"));

        Assert.Equal(ToolCallStatus.Ok, result.Status);
    }

    [Fact]
    public async Task WritePython_BreakingTheSyntax_IsRefusedByPythonInTheSandboxAndLeavesNoFile()
    {
        var result = await InvokeAsync(ToolNames.WriteFile, true, ("path", "app.py"), ("content", "def pay(:\n    pass\n"));
        var good = await InvokeAsync(ToolNames.WriteFile, true, ("path", "ok.py"), ("content", "def pay():\n    pass\n"));

        Assert.StartsWith("error: the change would break the syntax of 'app.py', so nothing was written: ", result.Output, StringComparison.Ordinal);
        Assert.Contains("SyntaxError", result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(workspace.PathOf("app.py")));
        Assert.Equal(ToolCallStatus.Ok, good.Status);
    }
}
