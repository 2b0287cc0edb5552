using Squad.Core.Configuration;
using Squad.Core.Orchestration;

namespace Squad.Core.Tests.Configuration;

/// <summary>The strict reading of <c>.squad.yml</c>: every mistake is one line naming the file and the line.</summary>
public sealed class RepositoryConfigLoaderTests
{
    private const string Valid = """
        commands:
          restore: dotnet restore
          lint: dotnet format --verify-no-changes
          test: dotnet test
        setup: [restore]
        guardrails:
          before_commit: [lint, test]
          merge: [test]
        max_diff_lines: 800
        max_diff_bytes: 2048
        """;

    private static SquadException Fails(string yaml)
    {
        var ex = Assert.Throws<SquadException>(() => RepositoryConfigLoader.Parse(yaml, ".squad.yml"));
        Assert.Equal(SquadErrorCode.InvalidConfiguration, ex.Code);
        return ex;
    }

    [Fact]
    public void Parse_FullFile_ReadsEveryKey()
    {
        var config = RepositoryConfigLoader.Parse(Valid, ".squad.yml");

        Assert.Equal(["restore"], config.Setup);
        Assert.Equal(["lint", "test"], config.BeforeCommit);
        Assert.Equal(["test"], config.Merge);
        Assert.True(config.MergeGuardrailsDeclared);
        Assert.Equal(800, config.MaxDiffLines);
        Assert.Equal(2048, config.MaxDiffBytes);
    }

    [Fact]
    public void Parse_MisspeltTopLevelKey_NamesFileLineAndSuggestion()
    {
        var ex = Fails("commands:\n  test: 'true'\n# the checks\n\nguardrail:\n  merge: [test]\n");

        Assert.Equal(".squad.yml: line 5: unknown key 'guardrail' (did you mean 'guardrails'?)", ex.Message);
    }

    [Fact]
    public void Parse_MisspeltGuardrailKey_NamesLineAndSuggestion()
    {
        var ex = Fails("commands:\n  test: 'true'\nguardrails:\n  before_comit: [test]\n");

        Assert.Equal(".squad.yml: line 4: unknown key 'before_comit' (did you mean 'before_commit'?)", ex.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t\n")]
    [InlineData("# only a comment\n# and another\n")]
    public void Parse_EmptyFile_SaysWhatToDo(string yaml)
    {
        var ex = Fails(yaml);

        Assert.Equal(".squad.yml is empty: declare commands and guardrails, or delete it; `squad init` proposes one", ex.Message);
    }

    [Theory]
    [InlineData("max_diff_lines: lots\n", "'max_diff_lines' must be a positive whole number, not 'lots'")]
    [InlineData("max_diff_lines: 0\n", "'max_diff_lines' must be a positive whole number, not '0'")]
    [InlineData("max_diff_lines: 3000000000\n", "'max_diff_lines' must be a positive whole number")]
    [InlineData("max_diff_bytes: 1.5\n", "'max_diff_bytes' must be a positive whole number, not '1.5'")]
    [InlineData("max_diff_bytes: -1\n", "'max_diff_bytes' must be a positive whole number, not '-1'")]
    [InlineData("max_diff_bytes: [1]\n", "'max_diff_bytes' must be a positive whole number")]
    public void Parse_LimitThatIsNotAPositiveInteger_IsAnError(string yaml, string expected)
    {
        var ex = Fails(yaml);

        Assert.StartsWith(".squad.yml: line 1: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("commands: [test]\n", "'commands' must map names to command lines")]
    [InlineData("commands:\n  test: [a, b]\n", "command 'test' must be one command line")]
    [InlineData("guardrails: [test]\n", "'guardrails' must be a mapping")]
    [InlineData("commands:\n  test: 'true'\nguardrails:\n  merge: test\n", "'merge' must be a list")]
    [InlineData("commands:\n  test: 'true'\nguardrails:\n  merge:\n", "'merge' must be a list")]
    [InlineData("protected_paths: docs/**\n", "'protected_paths' must be a list")]
    [InlineData("protected_paths: [[a]]\n", "each item of 'protected_paths' must be a name")]
    [InlineData("- commands\n", "expected a mapping")]
    public void Parse_WrongValueType_IsAnError(string yaml, string expected)
        => Assert.Contains(expected, Fails(yaml).Message, StringComparison.Ordinal);

    [Fact]
    public void Parse_SetupNamingUnknownCommand_IsAnError()
    {
        var ex = Fails("commands:\n  test: 'true'\nsetup: [restore]\n");

        Assert.Equal(".squad.yml: line 3: setup names the command 'restore', which is not under commands: add it or remove it from setup", ex.Message);
    }

    [Fact]
    public void Parse_NoLimits_DefaultsToFifteenHundredLinesAndOneMebibyte()
    {
        var config = RepositoryConfigLoader.Parse("commands:\n  test: 'true'\n", ".squad.yml");

        Assert.Equal(1500, config.MaxDiffLines);
        Assert.Equal(1048576, config.MaxDiffBytes);
        Assert.Empty(config.Setup);
    }

    [Theory]
    [InlineData("commands:\n  test: 'true'\nguardrails:\n  merge: []\n", true)]
    [InlineData("commands:\n  test: 'true'\nguardrails:\n  merge: [test]\n", true)]
    [InlineData("commands:\n  test: 'true'\nguardrails:\n  before_commit: [test]\n", false)]
    [InlineData("commands:\n  test: 'true'\n", false)]
    public void Parse_MergeGuardrailsDeclared_OnlyWhenMergeIsPresent(string yaml, bool declared)
        => Assert.Equal(declared, RepositoryConfigLoader.Parse(yaml, ".squad.yml").MergeGuardrailsDeclared);

    [Fact]
    public void Load_NoFile_DefaultConfigWithoutMergeGuardrails()
    {
        var folder = Directory.CreateTempSubdirectory("squad-config-").FullName;

        var config = RepositoryConfigLoader.Load(folder);

        Directory.Delete(folder);
        Assert.False(config.MergeGuardrailsDeclared);
        Assert.Contains(RepositoryConfig.FileName, config.ProtectedPaths);
    }

    [Fact]
    public void Parse_ProtectedPathsWithoutTheConfigFile_StillProtectIt()
    {
        var config = RepositoryConfigLoader.Parse("protected_paths: [\"docs/**\"]\n", ".squad.yml");

        Assert.Equal(["docs/**", RepositoryConfig.FileName], config.ProtectedPaths);
        Assert.Contains(config.ProtectedPaths, p => PathGlob.IsMatch(p, ".squad.yml"));
    }

    [Fact]
    public void Parse_EmptyProtectedPaths_StillProtectTheConfigFile()
        => Assert.Equal([RepositoryConfig.FileName], RepositoryConfigLoader.Parse("protected_paths: []\n", ".squad.yml").ProtectedPaths);

    [Fact]
    public void Parse_NegatedProtectedPath_IsRefused()
    {
        var ex = Fails("protected_paths: [\"**\", \"!.squad.yml\"]\n");

        Assert.Contains("protected path '!.squad.yml' negates a pattern, which is not supported", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProtectedPaths_SetInCode_AlwaysHoldTheConfigFile()
    {
        var config = new RepositoryConfig { ProtectedPaths = ["src/**"] } with { MaxDiffLines = 10 };

        Assert.Equal(["src/**", RepositoryConfig.FileName], config.ProtectedPaths);
    }
}
