namespace Squad.Server.Tests;

public sealed class SlackCommandParserTests
{
    [Theory]
    [InlineData("run ./milestone", "Run", "./milestone")]
    [InlineData("  RUN   <https://linear.app/acme/project/x/overview|link>  ", "Run", "https://linear.app/acme/project/x/overview")]
    [InlineData("status", "Status", null)]
    [InlineData("status r1", "Status", "r1")]
    [InlineData("stop r1", "Stop", "r1")]
    [InlineData("fix ENG-123", "Fix", "ENG-123")]
    [InlineData("help", "Help", null)]
    public void Parse_KnownCommand_ReadsKindAndArgument(string text, string kind, string? argument)
    {
        var command = SlackCommandParser.Parse(text);

        Assert.Equal(kind, command.Kind.ToString());
        Assert.Equal(argument, command.Argument);
    }

    [Theory]
    [InlineData("", "no command given")]
    [InlineData("deploy prod", "unknown command 'deploy'")]
    [InlineData("run", "'run' takes exactly one argument")]
    [InlineData("stop r1 r2", "'stop' takes exactly one argument")]
    [InlineData("status r1 r2", "too many arguments for 'status'")]
    public void Parse_UnknownOrMalformed_IsUsageWithTheProblem(string text, string problem)
    {
        var command = SlackCommandParser.Parse(text);

        Assert.Equal(SlackCommandKind.Usage, command.Kind);
        Assert.Equal(problem, command.Problem);
    }
}
