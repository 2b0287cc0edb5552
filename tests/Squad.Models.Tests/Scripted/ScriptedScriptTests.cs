using Squad.Core;
using Squad.Models.Scripted;

namespace Squad.Models.Tests.Scripted;

public sealed class ScriptedScriptTests
{
    [Fact]
    public void Load_ValidScript_ReadsPassesAndTurns()
    {
        using var script = new TempScript(ScriptFixtures.Checkout);

        var loaded = ScriptedScript.Load(script.FilePath);

        Assert.Equal(["CHK-1"], loaded.IssueIdentifiers);
        Assert.Equal(3, loaded.FindTurns("CHK-1", "qa", 1)?.Count);
        Assert.Equal(2, loaded.FindTurns("CHK-1", "developer", 2)?.Count);
        Assert.Null(loaded.FindTurns("CHK-1", "developer", 3));
        Assert.Null(loaded.FindTurns("CHK-1", "developer", 0));
    }

    [Fact]
    public void Load_DiagnosticianRole_IsAccepted()
    {
        using var script = new TempScript("""
            issues:
              BUG-7:
                diagnostician:
                  - - text: The null comes from the cache.
            """);

        var loaded = ScriptedScript.Load(script.FilePath);

        Assert.Equal("The null comes from the cache.", loaded.FindTurns("BUG-7", "diagnostician", 1)?[0].Text);
    }

    [Fact]
    public void Load_MalformedYaml_ThrowsInvalidInputNamingFileAndLine()
    {
        using var script = new TempScript("""
            issues:
              CHK-1:
                qa: "unterminated
            """);

        var ex = Assert.Throws<SquadException>(() => ScriptedScript.Load(script.FilePath));

        Assert.Equal(SquadErrorCode.InvalidInput, ex.Code);
        Assert.StartsWith($"{script.FilePath}, line 3: invalid YAML: ", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Load_UnterminatedFlowList_ThrowsInvalidInputNamingFileAndLine()
    {
        // YamlDotNet reports this one without a position; the line comes from the scanner.
        using var script = new TempScript("""
            issues:
              CHK-1:
                qa: [1, 2
                developer: 3
            """);

        var ex = Assert.Throws<SquadException>(() => ScriptedScript.Load(script.FilePath));

        Assert.Equal(SquadErrorCode.InvalidInput, ex.Code);
        Assert.Equal($"{script.FilePath}, line 4: invalid YAML: unterminated or malformed flow collection", ex.Message);
    }

    [Fact]
    public void Load_UnknownRole_ThrowsInvalidInputNamingRoleAndLine()
    {
        using var script = new TempScript("""
            issues:
              CHK-1:
                tester:
                  - - text: hi
            """);

        var ex = Assert.Throws<SquadException>(() => ScriptedScript.Load(script.FilePath));

        Assert.Equal(SquadErrorCode.InvalidInput, ex.Code);
        Assert.Equal(
            $"{script.FilePath}, line 3: unknown role 'tester' under issue CHK-1; expected one of developer, qa, code-reviewer, qa-specialist, diagnostician",
            ex.Message);
    }

    [Fact]
    public void Load_CallWithoutTool_ThrowsInvalidInputNamingTheCall()
    {
        using var script = new TempScript("""
            issues:
              CHK-1:
                qa:
                  - - text: hi
                      calls:
                        - args: { path: README.md }
            """);

        var ex = Assert.Throws<SquadException>(() => ScriptedScript.Load(script.FilePath));

        Assert.Equal(SquadErrorCode.InvalidInput, ex.Code);
        Assert.Equal($"{script.FilePath}, line 6: CHK-1 qa pass 1 turn 1 call 1 has no 'tool'", ex.Message);
    }

    [Theory]
    [InlineData("issues:\n  CHK-1:\n    qa:\n      - - txt: hi\n", 4, "unknown key 'txt' in CHK-1 qa pass 1 turn 1; expected 'text' or 'calls'")]
    [InlineData("issues:\n  CHK-1:\n    qa:\n      - []\n", 4, "CHK-1 qa pass 1 has no turns")]
    [InlineData("issues:\n  CHK-1:\n    qa:\n      - - calls:\n          - tool: commit\n            args: [a]\n", 6, "'args' of CHK-1 qa pass 1 turn 1 call 1 must be a mapping of argument names to values")]
    [InlineData("issues:\n  CHK-1:\n    qa: hi\n", 3, "CHK-1 qa must be a list of passes")]
    [InlineData("tasks: {}\n", 1, "unknown key 'tasks' at the top level; expected 'issues'")]
    [InlineData("# nothing here\n", 1, "the file is empty; expected a mapping with 'issues'")]
    public void Load_StructuralError_ThrowsInvalidInputWithLineAndProblem(string yaml, int line, string problem)
    {
        using var script = new TempScript(yaml);

        var ex = Assert.Throws<SquadException>(() => ScriptedScript.Load(script.FilePath));

        Assert.Equal(SquadErrorCode.InvalidInput, ex.Code);
        Assert.Equal($"{script.FilePath}, line {line}: {problem}", ex.Message);
    }

    [Fact]
    public void Load_MissingFile_ThrowsInvalidInputNamingThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), "squad-tests", Guid.NewGuid().ToString("N"), "missing.yaml");

        var ex = Assert.Throws<SquadException>(() => ScriptedScript.Load(path));

        Assert.Equal(SquadErrorCode.InvalidInput, ex.Code);
        Assert.Equal($"scripted model file not found: {path}", ex.Message);
    }
}
