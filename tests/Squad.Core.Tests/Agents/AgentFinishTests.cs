using Microsoft.Extensions.AI;
using Squad.Core.Agents;
using Squad.Core.Configuration;
using Squad.Core.Tests.Tools;
using Squad.Core.Tools;
using Squad.Testing;

namespace Squad.Core.Tests.Agents;

/// <summary>How a pass ends: through the role's finishing tool, with nudges, a warning before the limit, and work kept at the limit.</summary>
public sealed class AgentFinishTests : IDisposable
{
    private const string SquadYaml = """
        commands:
          lint: "! grep -rq TODO --include=*.txt ."
          test: sh test.sh
        guardrails:
          before_commit: [lint, test]
        """;

    private readonly TestWorkspace workspace = new();
    private readonly RepositoryConfig config = RepositoryConfigLoader.Parse(SquadYaml, ".squad.yml");

    public void Dispose() => workspace.Dispose();

    private static AgentDefinition Writer(int maxTurns = 10) => TestAgents.Writer([.. TestAgents.WriterTools, ToolNames.Finish]) with { MaxTurns = maxTurns };

    private static Task<AgentResult> RunAsync(QueueChatClient client, AgentDefinition agent, ToolContext context)
        => new AgentRunner(new FakeAgentModelProvider(client), new ToolBox()).RunAsync(
            new AgentInvocation { RunId = "run-1", IssueIdentifier = "CALC-1", Role = agent.Name, Pass = 1, Model = agent.Model }, agent, "Implement CALC-1.", context);

    private async Task InitAsync()
    {
        await workspace.InitGitAsync();
        workspace.Write("test.sh", "echo tests-passed\n");
        await workspace.Git.RunAsync(workspace.Root, ["add", "-A"]);
        await workspace.Git.RunAsync(workspace.Root, ["commit", "-q", "-m", "Add tests"], extraEnvironment: Git.GitCli.AuthorEnvironment(TestAgents.Setup));
    }

    [Fact]
    public async Task Finish_EndsThePassAtOnce_WithItsSummaryAsTheFinalText()
    {
        var client = new QueueChatClient(
            QueueChatClient.Calls(QueueChatClient.Call("call-1", ToolNames.Finish, ("summary", "Adds the sum."))),
            QueueChatClient.Text("never asked for"));

        var result = await RunAsync(client, Writer(), workspace.Context(Writer()));

        Assert.Equal((AgentStopReason.Completed, "Adds the sum.", 1), (result.StopReason, result.FinalText, result.Turns));
        Assert.Single(client.Requests);
        Assert.Equal(ToolCallStatus.Ok, Assert.Single(result.ToolCalls).Status);
    }

    [Fact]
    public async Task PlainAnswer_IsNudgedTwice_ThenThePassEndsUnfinished()
    {
        var client = new QueueChatClient(QueueChatClient.Text("I think I am done."), QueueChatClient.Text("Really done."), QueueChatClient.Text("Done!"));

        var result = await RunAsync(client, Writer(), workspace.Context(Writer()));

        Assert.Equal((AgentStopReason.Unfinished, "Done!", 3), (result.StopReason, result.FinalText, result.Turns));
        Assert.Equal(3, client.Requests.Count);
        var nudge = client.Requests[1].Messages[^1];
        Assert.Equal(ChatRole.User, nudge.Role);
        Assert.Contains("does not end your pass", nudge.Text, StringComparison.Ordinal);
        Assert.Contains("`finish`", nudge.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlainAnswer_NudgedAndThenFinished_IsCompleted()
    {
        var client = new QueueChatClient(
            QueueChatClient.Text("Done, I believe."),
            QueueChatClient.Calls(QueueChatClient.Call("call-1", ToolNames.Finish, ("summary", "Nothing to change."))));

        var result = await RunAsync(client, Writer(), workspace.Context(Writer()));

        Assert.Equal((AgentStopReason.Completed, "Nothing to change.", 2), (result.StopReason, result.FinalText, result.Turns));
    }

    [Fact]
    public async Task TurnsRunningOut_TheAgentIsWarnedOnceWithTheNumberLeft()
    {
        var agent = Writer(maxTurns: 5);
        var client = new QueueChatClient();
        for (var i = 1; i <= 5; i++)
        {
            client.Enqueue(QueueChatClient.Calls(QueueChatClient.Call($"call-{i}", ToolNames.ListFiles)));
        }

        var result = await RunAsync(client, agent, workspace.Context(agent));

        Assert.Equal(AgentStopReason.MaxTurns, result.StopReason);
        var warned = Enumerable.Range(0, client.Requests.Count)
            .Where(i => client.Requests[i].Messages[^1] is { Role.Value: "user" } m && m.Text.Contains("turn(s) left", StringComparison.Ordinal)).ToList();
        Assert.Equal([2], warned);
        Assert.StartsWith("3 turn(s) left: commit what works now and call `finish`.", client.Requests[2].Messages[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TurnLimit_UncommittedWork_IsCommittedThroughTheGuardrailsAsWorkInProgress()
    {
        await InitAsync();
        var agent = Writer(maxTurns: 2);
        var client = new QueueChatClient(
            QueueChatClient.Calls(QueueChatClient.Call("call-1", ToolNames.WriteFile, ("path", "sum.txt"), ("content", "5\n"))),
            QueueChatClient.Calls(QueueChatClient.Call("call-2", ToolNames.ListFiles)));

        var result = await RunAsync(client, agent, workspace.Context(agent, config));

        Assert.Equal(AgentStopReason.MaxTurns, result.StopReason);
        var head = await workspace.GitOutputAsync("rev-parse", "HEAD");
        Assert.Equal([head], result.Commits);
        Assert.Equal("WIP: the Developer reached its limit of 2 turns", await workspace.GitOutputAsync("log", "-1", "--format=%s"));
        Assert.Equal((ToolNames.Commit, ToolCallStatus.Ok), (result.ToolCalls[^1].Name, result.ToolCalls[^1].Status));
    }

    [Fact]
    public async Task TurnLimit_WorkThatFailsTheGuardrails_IsLeftUncommittedAndTheRefusalRecorded()
    {
        await InitAsync();
        var before = await workspace.GitOutputAsync("rev-parse", "HEAD");
        var agent = Writer(maxTurns: 1);
        var client = new QueueChatClient(QueueChatClient.Calls(QueueChatClient.Call("call-1", ToolNames.WriteFile, ("path", "notes.txt"), ("content", "TODO\n"))));

        var result = await RunAsync(client, agent, workspace.Context(agent, config));

        Assert.Empty(result.Commits);
        Assert.Equal(before, await workspace.GitOutputAsync("rev-parse", "HEAD"));
        Assert.Equal((ToolNames.Commit, ToolCallStatus.Failed), (result.ToolCalls[^1].Name, result.ToolCalls[^1].Status));
        Assert.Equal("TODO\n", workspace.Read("notes.txt"));
    }

    [Fact]
    public async Task TurnLimit_ReadOnlyRole_CommitsNothing()
    {
        await InitAsync();
        var agent = TestAgents.Reader() with { MaxTurns = 1 };
        workspace.Write("stray.txt", "left by a test\n");
        var client = new QueueChatClient(QueueChatClient.Calls(QueueChatClient.Call("call-1", ToolNames.ListFiles)));

        var result = await RunAsync(client, agent, workspace.Context(agent, config));

        Assert.Equal(AgentStopReason.MaxTurns, result.StopReason);
        Assert.Equal([ToolNames.ListFiles], result.ToolCalls.Select(c => c.Name));
    }

    [Fact]
    public async Task Finish_NotARoleTool_IsRefusedAndDoesNotEndThePass()
    {
        var agent = TestAgents.Writer();
        var client = new QueueChatClient(
            QueueChatClient.Calls(QueueChatClient.Call("call-1", ToolNames.Finish, ("summary", "Done."))),
            QueueChatClient.Text("Done."));

        var result = await RunAsync(client, agent, workspace.Context(agent));

        Assert.Equal(ToolCallStatus.Refused, result.ToolCalls[0].Status);
        Assert.Equal((AgentStopReason.Completed, 2), (result.StopReason, result.Turns));
    }
}
