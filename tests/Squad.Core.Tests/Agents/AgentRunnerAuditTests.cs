using Squad.Core.Agents;
using Squad.Core.Audit;
using Squad.Core.Configuration;
using Squad.Core.Security;
using Squad.Core.Tests.Tools;
using Squad.Core.Tools;
using Squad.Testing;

namespace Squad.Core.Tests.Agents;

public sealed class AgentRunnerAuditTests : IDisposable
{
    private const string Secret = "sekrit-value-4711";
    private readonly TestWorkspace workspace = new();
    private readonly InMemoryAuditLog log = new();

    public void Dispose() => workspace.Dispose();

    [Fact]
    public async Task RunAsync_ToolCalls_AreRecordedWithRunIssueRolePassExitCodeAndRedactedArguments()
    {
        var client = new QueueChatClient(
            QueueChatClient.Calls(
                QueueChatClient.Call("call-1", ToolNames.RunCommand, ("name", "test")),
                QueueChatClient.Call("call-2", ToolNames.ReadFile, ("path", $"notes-{Secret}.txt"))),
            QueueChatClient.Text("done"));

        await RunAsync(client);

        var calls = log.ToolCalls;
        Assert.Equal([ToolNames.RunCommand, ToolNames.ReadFile], calls.Select(c => c.Tool));
        Assert.All(calls, c => Assert.Equal(("run-7", "CALC-1", "developer", 3), (c.RunId, c.IssueIdentifier, c.Role, c.Pass)));
        Assert.Equal((ToolCallStatus.Ok, (int?)3), (calls[0].Status, calls[0].ExitCode));
        Assert.Equal((ToolCallStatus.Failed, (int?)null), (calls[1].Status, calls[1].ExitCode));
        Assert.Equal("{\"path\":\"notes-[REDACTED].txt\"}", calls[1].Arguments);
    }

    [Fact]
    public async Task RunAsync_ModelFailsAfterAToolCall_TheToolCallIsAlreadyRecorded()
    {
        var client = new QueueChatClient(QueueChatClient.Calls(QueueChatClient.Call("call-1", ToolNames.ListFiles)));

        await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync(client));

        Assert.Equal(ToolNames.ListFiles, Assert.Single(log.ToolCalls).Tool);
        Assert.Single(log.ModelCalls);
    }

    private async Task<AgentResult> RunAsync(QueueChatClient client)
    {
        var redactor = new SecretRedactor([Secret]);
        var trail = await AuditTrail.StartAsync(log, PriceTable.Empty, Budgets.None, redactor, new FakeTimeProvider(), "milestones/calc");
        var agent = TestAgents.Writer();
        var config = new RepositoryConfig { Commands = new Dictionary<string, string> { ["test"] = "exit 3" } };
        var invocation = new AgentInvocation { RunId = "run-7", IssueIdentifier = "CALC-1", Role = agent.Name, Pass = 3, Model = agent.Model };
        var runner = new AgentRunner(trail.Observe(new FakeAgentModelProvider(client)), new ToolBox(), trail);
        return await runner.RunAsync(invocation, agent, "Implement CALC-1.", workspace.Context(agent, config, redactor: redactor));
    }
}
