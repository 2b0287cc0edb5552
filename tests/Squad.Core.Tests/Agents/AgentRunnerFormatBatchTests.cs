using Microsoft.Extensions.AI;
using Squad.Core.Agents;
using Squad.Core.Configuration;
using Squad.Core.Tests.Tools;
using Squad.Core.Tools;
using Squad.Testing;

namespace Squad.Core.Tests.Agents;

/// <summary>
/// The writes of one model turn share one run of the formatter (<see cref="FormatBatch"/>), with real shell commands:
/// each write still answers with its file as formatted, and each later call sees the files formatted.
/// </summary>
public sealed class AgentRunnerFormatBatchTests : IDisposable
{
    // Strips trailing blanks of every .txt file and counts its own runs.
    private static readonly RepositoryConfig Config = RepositoryConfigLoader.Parse("""
        commands:
          format: sed -i 's/[[:space:]]*$//' *.txt && echo run >> format-runs.log
        guardrails:
          after_write: [format]
        """, ".squad.yml");

    private readonly TestWorkspace workspace = new();

    public void Dispose() => workspace.Dispose();

    private Task<(AgentResult Result, List<FunctionResultContent> Answers)> RunTurnAsync(params FunctionCallContent[] calls) => RunTurnAsync(Config, calls);

    private async Task<(AgentResult Result, List<FunctionResultContent> Answers)> RunTurnAsync(RepositoryConfig config, params FunctionCallContent[] calls)
    {
        var client = new QueueChatClient(QueueChatClient.Calls(calls), QueueChatClient.Text("done"));
        var agent = TestAgents.Writer();
        var invocation = new AgentInvocation { RunId = "run-1", IssueIdentifier = "CALC-1", Role = agent.Name, Pass = 1, Model = agent.Model };
        var result = await new AgentRunner(new FakeAgentModelProvider(client), new ToolBox()).RunAsync(invocation, agent, "Implement CALC-1.", workspace.Context(agent, config));
        return (result, [.. client.Requests[1].Messages[^1].Contents.Cast<FunctionResultContent>()]);
    }

    private int FormatterRuns => File.Exists(Path.Join(workspace.Root, "format-runs.log")) ? File.ReadAllLines(Path.Join(workspace.Root, "format-runs.log")).Length : 0;

    private static FunctionCallContent Write(string id, string path, string content) => QueueChatClient.Call(id, ToolNames.WriteFile, ("path", path), ("content", content));

    [Fact]
    public async Task RunAsync_OneTurnWritesTwoFiles_TheFormatterRunsOnce_AndEachAnswerShowsItsFileFormatted()
    {
        workspace.Write("b.txt", "old\n");

        var (result, answers) = await RunTurnAsync(
            Write("call-1", "a.txt", "one   \ntwo\t\n"),
            QueueChatClient.Call("call-2", ToolNames.EditFile, ("path", "b.txt"), ("old_text", "old"), ("new_text", "new   ")));

        Assert.Equal(1, FormatterRuns);
        Assert.Equal(["call-1", "call-2"], answers.Select(a => a.CallId));
        Assert.Equal("wrote a.txt (formatted)\n     1\tone\n     2\ttwo\n[lines 1-2 of 2]", answers[0].Result);
        Assert.Equal("edited b.txt (formatted)\n     1\tnew\n[lines 1-1 of 1]", answers[1].Result);
        Assert.Equal("one\ntwo\n", workspace.Read("a.txt"));
        Assert.Equal("new\n", workspace.Read("b.txt"));

        // The formatter's exit code is the record of the write it ran after.
        Assert.Equal([null, 0], result.ToolCalls.Select(c => c.ExitCode));
        Assert.All(result.ToolCalls, c => Assert.Equal(ToolCallStatus.Ok, c.Status));
    }

    [Fact]
    public async Task RunAsync_OneTurnWritesTheSameFileTwice_TheFormatterRunsBetween_SoTheFirstAnswerShowsOnlyItsOwnChange()
    {
        var (_, answers) = await RunTurnAsync(
            Write("call-1", "a.txt", "one   \n"),
            QueueChatClient.Call("call-2", ToolNames.EditFile, ("path", "./a.txt"), ("old_text", "one"), ("new_text", "uno   ")));

        Assert.Equal(2, FormatterRuns);
        Assert.Equal("wrote a.txt (formatted)\n     1\tone\n[lines 1-1 of 1]", answers[0].Result);
        Assert.Equal("edited ./a.txt (formatted)\n     1\tuno\n[lines 1-1 of 1]", answers[1].Result);
    }

    [Fact]
    public async Task RunAsync_WritesThenARead_InOneTurn_TheReadSeesTheFilesFormatted()
    {
        var (_, answers) = await RunTurnAsync(
            Write("call-1", "a.txt", "alpha   \n"),
            Write("call-2", "b.txt", "beta\n"),
            QueueChatClient.Call("call-3", ToolNames.ReadFile, ("path", "a.txt")),
            Write("call-4", "c.txt", "gamma   \n"));

        Assert.Equal("alpha\n", answers[2].Result);
        Assert.Equal(2, FormatterRuns); // once for a and b, once for c
        Assert.Equal("wrote c.txt (formatted)\n     1\tgamma\n[lines 1-1 of 1]", answers[3].Result);
    }

    [Fact]
    public async Task RunAsync_TheFormatterRemovesAFileOfTheRow_ThatWriteSaysSo_AndTheOtherShowsItsFile()
    {
        var removing = RepositoryConfigLoader.Parse("""
            commands:
              format: rm -f a.txt && sed -i 's/[[:space:]]*$//' *.txt
            guardrails:
              after_write: [format]
            """, ".squad.yml");
        var (_, answers) = await RunTurnAsync(removing, Write("call-1", "a.txt", "alpha\n"), Write("call-2", "b.txt", "beta   \n"));

        Assert.Equal("wrote a.txt (formatted)\nerror: file 'a.txt' does not exist", answers[0].Result);
        Assert.Equal("wrote b.txt (formatted)\n     1\tbeta\n[lines 1-1 of 1]", answers[1].Result);
    }

    [Fact]
    public async Task RunAsync_AFailedWriteBetweenTwo_TheFormatterStillRunsOnce_AndTheFailureAnswersAsItself()
    {
        var (result, answers) = await RunTurnAsync(
            Write("call-1", "a.txt", "alpha   \n"),
            QueueChatClient.Call("call-2", ToolNames.EditFile, ("path", "missing.txt"), ("old_text", "x"), ("new_text", "y")),
            Write("call-3", "c.txt", "gamma   \n"));

        Assert.Equal(1, FormatterRuns);
        Assert.Equal("wrote a.txt (formatted)\n     1\talpha\n[lines 1-1 of 1]", answers[0].Result);
        Assert.Equal("error: file 'missing.txt' does not exist", answers[1].Result);
        Assert.Equal("wrote c.txt (formatted)\n     1\tgamma\n[lines 1-1 of 1]", answers[2].Result);
        Assert.Equal([ToolCallStatus.Ok, ToolCallStatus.Failed, ToolCallStatus.Ok], result.ToolCalls.Select(c => c.Status));
        Assert.False(File.Exists(Path.Join(workspace.Root, "missing.txt")));
    }
}
