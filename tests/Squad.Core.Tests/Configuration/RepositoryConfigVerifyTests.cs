using Squad.Core.Configuration;

namespace Squad.Core.Tests.Configuration;

/// <summary>The <c>verify</c> key of <c>.squad.yml</c>: what runs on main after each merge, read as strictly as the rest.</summary>
public sealed class RepositoryConfigVerifyTests
{
    private const string Commands = """
        commands:
          lint: sh lint.sh
          test: sh test.sh
          e2e: sh e2e.sh
        guardrails:
          merge: [lint, test]

        """;

    [Fact]
    public void Parse_WithoutVerify_VerifiesWithTheMergeGuardrails()
    {
        var config = RepositoryConfigLoader.Parse(Commands, ".squad.yml");

        Assert.Null(config.Verify);
        Assert.Equal(["lint", "test"], config.VerifyCommands);
    }

    [Fact]
    public void Parse_VerifyDeclared_RunsItsOwnLongerSuite()
    {
        var config = RepositoryConfigLoader.Parse(Commands + "verify: [test, e2e]\n", ".squad.yml");

        Assert.Equal(["test", "e2e"], config.VerifyCommands);
    }

    [Fact]
    public void Parse_VerifyEmpty_VerifiesNothing()
        => Assert.Empty(RepositoryConfigLoader.Parse(Commands + "verify: []\n", ".squad.yml").VerifyCommands);

    [Theory]
    [InlineData("verify: [smoke]\n", "verify names the command 'smoke', which is not under commands")]
    [InlineData("verify: e2e\n", "'verify' must be a list")]
    [InlineData("verfy: [e2e]\n", "verfy")]
    public void Parse_BadVerify_FailsWithOneLineNamingTheFileAndLine(string line, string expected)
    {
        var ex = Assert.Throws<SquadException>(() => RepositoryConfigLoader.Parse(Commands + line, ".squad.yml"));

        Assert.Equal(SquadErrorCode.InvalidConfiguration, ex.Code);
        Assert.StartsWith(".squad.yml: line ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }
}
