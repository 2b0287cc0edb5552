using Microsoft.Extensions.AI;
using Squad.Core.Agents;
using Squad.Core.Configuration;
using Squad.Core.Domain;
using Squad.Core.Tests.Tools;
using Squad.Core.Tools;
using Squad.Testing;

namespace Squad.Core.Tests.Agents;

public sealed class AgentRunnerTests : IDisposable
{
    private const string Briefing = "Implement CALC-1: add two numbers.";
    private readonly TestWorkspace workspace = new();

    public void Dispose() => workspace.Dispose();

    private static AgentInvocation Invocation(AgentDefinition agent) => new()
    {
        RunId = "run-1",
        IssueIdentifier = "CALC-1",
        Role = agent.Name,
        Pass = 1,
        Model = agent.Model,
    };

    private static Task<AgentResult> RunAsync(QueueChatClient client, AgentDefinition agent, ToolContext context, FakeAgentModelProvider? provider = null)
        => new AgentRunner(provider ?? new FakeAgentModelProvider(client), new ToolBox()).RunAsync(Invocation(agent), agent, Briefing, context);

    private static List<FunctionResultContent> ToolResults(QueueChatRequest request)
    {
        var last = request.Messages[^1];
        Assert.Equal(ChatRole.Tool, last.Role);
        return [.. last.Contents.Cast<FunctionResultContent>()];
    }

    [Fact]
    public async Task RunAsync_ToolCalls_AreExecutedAndResultsReturnedWithMatchingCallIds()
    {
        workspace.Write("a.txt", "alpha");
        workspace.Write("b.txt", "beta");
        var client = new QueueChatClient(
            QueueChatClient.Calls(QueueChatClient.Call("call-1", ToolNames.ReadFile, ("path", "a.txt")), QueueChatClient.Call("call-2", ToolNames.ReadFile, ("path", "b.txt"))),
            QueueChatClient.Text("done"));
        var agent = TestAgents.Writer();

        var result = await RunAsync(client, agent, workspace.Context(agent));

        var results = ToolResults(client.Requests[1]);
        Assert.Equal(["call-1", "call-2"], results.Select(r => r.CallId));
        Assert.Equal(["alpha", "beta"], results.Select(r => r.Result as string));
        Assert.Equal([ToolNames.ReadFile, ToolNames.ReadFile], result.ToolCalls.Select(c => c.Name));
        Assert.All(result.ToolCalls, c => Assert.Equal(ToolCallStatus.Ok, c.Status));
        Assert.Equal("{\"path\":\"a.txt\"}", result.ToolCalls[0].Arguments);
    }

    [Fact]
    public async Task RunAsync_SecondRequest_CarriesTheWholeConversationInOrder()
    {
        var client = new QueueChatClient(
            QueueChatClient.Calls(QueueChatClient.Call("call-1", ToolNames.ListFiles)),
            QueueChatClient.Text("done"));
        var agent = TestAgents.Writer();

        await RunAsync(client, agent, workspace.Context(agent));

        Assert.Equal([ChatRole.System, ChatRole.User], client.Requests[0].Messages.Select(m => m.Role));
        Assert.Equal(Briefing, client.Requests[0].Messages[1].Text);
        Assert.Equal([ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.Tool], client.Requests[1].Messages.Select(m => m.Role));
        Assert.IsType<FunctionCallContent>(Assert.Single(client.Requests[1].Messages[2].Contents));
    }

    [Fact]
    public async Task RunAsync_ToolFailure_GoesBackToTheModelAsData()
    {
        var client = new QueueChatClient(
            QueueChatClient.Calls(QueueChatClient.Call("call-1", ToolNames.ReadFile, ("path", "missing.txt"))),
            QueueChatClient.Text("I could not find it."));
        var agent = TestAgents.Writer();

        var result = await RunAsync(client, agent, workspace.Context(agent));

        var toolResult = Assert.Single(ToolResults(client.Requests[1]));
        Assert.Equal("call-1", toolResult.CallId);
        Assert.Equal("error: file 'missing.txt' does not exist", toolResult.Result);
        Assert.Equal(AgentStopReason.Completed, result.StopReason);
        Assert.Equal(ToolCallStatus.Failed, Assert.Single(result.ToolCalls).Status);
    }

    [Fact]
    public async Task RunAsync_RefusedWriteOfReadOnlyRole_GoesBackAsRefusalAndChangesNothing()
    {
        workspace.Write("a.txt", "original");
        var client = new QueueChatClient(
            QueueChatClient.Calls(QueueChatClient.Call("call-1", ToolNames.WriteFile, ("path", "a.txt"), ("content", "pwned"))),
            QueueChatClient.Text("ok"));
        var agent = TestAgents.MaliciousReader();

        var result = await RunAsync(client, agent, workspace.Context(agent));

        var toolResult = Assert.Single(ToolResults(client.Requests[1]));
        Assert.StartsWith("refused: ", (string)toolResult.Result!, StringComparison.Ordinal);
        Assert.Equal(ToolCallStatus.Refused, Assert.Single(result.ToolCalls).Status);
        Assert.Equal("original", workspace.Read("a.txt"));
    }

    [Fact]
    public async Task RunAsync_FinalText_EndsThePassAsCompleted()
    {
        var client = new QueueChatClient(QueueChatClient.Text("All scenarios pass."));
        var agent = TestAgents.Writer();

        var result = await RunAsync(client, agent, workspace.Context(agent));

        Assert.Equal(AgentStopReason.Completed, result.StopReason);
        Assert.Equal("All scenarios pass.", result.FinalText);
        Assert.Equal(1, result.Turns);
        Assert.Single(client.Requests);
        Assert.Empty(result.ToolCalls);
        Assert.Empty(result.Commits);
        Assert.Null(result.Verdict);
    }

    [Fact]
    public async Task RunAsync_ModelKeepsCallingTools_StopsAfterExactlyMaxTurnsCalls()
    {
        var agent = TestAgents.Writer() with { MaxTurns = 3 };
        var client = new QueueChatClient();
        for (var i = 1; i <= 5; i++)
        {
            client.Enqueue(QueueChatClient.Calls(QueueChatClient.Call($"call-{i}", ToolNames.ListFiles)));
        }

        var result = await RunAsync(client, agent, workspace.Context(agent));

        Assert.Equal(AgentStopReason.MaxTurns, result.StopReason);
        Assert.Equal(3, result.Turns);
        Assert.Equal(3, client.Requests.Count);
        Assert.Equal(3, result.ToolCalls.Count);
        Assert.Equal("", result.FinalText);
    }

    [Fact]
    public async Task RunAsync_SystemPrompt_HasPlaceholdersRendered()
    {
        var config = new RepositoryConfig { Commands = new Dictionary<string, string> { ["lint"] = "sh lint.sh", ["test"] = "sh test.sh" } };
        var agent = TestAgents.Writer([ToolNames.ReadFile, ToolNames.WriteFile], prompt: "You are the {{role}}.\nTools: {{ tools }}.\nCommands:\n{{commands}}\n");
        var client = new QueueChatClient(QueueChatClient.Text("done"));

        await RunAsync(client, agent, workspace.Context(agent, config));

        var system = client.Requests[0].Messages[0];
        Assert.Equal(ChatRole.System, system.Role);
        Assert.Equal("You are the Developer.\nTools: read_file, write_file.\nCommands:\n- lint: `sh lint.sh`\n- test: `sh test.sh`\n", system.Text);
    }

    [Fact]
    public async Task RunAsync_NoCommandsConfigured_PromptSaysSo()
    {
        var agent = TestAgents.Writer(prompt: "Commands: {{commands}}");
        var client = new QueueChatClient(QueueChatClient.Text("done"));

        await RunAsync(client, agent, workspace.Context(agent));

        Assert.Equal("Commands: (none configured)", client.Requests[0].Messages[0].Text);
    }

    [Fact]
    public async Task RunAsync_RepositoryPrompts_RenderWithoutLeftoverPlaceholders()
    {
        var catalog = AgentCatalog.Load(CatalogFolders.RepositoryAgents, CatalogFolders.RepositoryPrompts);
        var agent = catalog[Role.CodeReviewer] with { MaxNudges = 0 };
        var client = new QueueChatClient(QueueChatClient.Text("done"));

        await RunAsync(client, agent, workspace.Context(agent));

        var system = client.Requests[0].Messages[0].Text;
        Assert.DoesNotContain("{{", system, StringComparison.Ordinal);
        Assert.Contains("Code Reviewer", system, StringComparison.Ordinal);
        Assert.Contains("submit_review", system, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ToolDeclarations_AreExactlyTheRolesTools()
    {
        var agent = TestAgents.Writer([ToolNames.ReadFile, ToolNames.SearchFiles, ToolNames.Commit]);
        var client = new QueueChatClient(QueueChatClient.Text("done"));

        await RunAsync(client, agent, workspace.Context(agent));

        var options = client.Requests[0].Options;
        Assert.NotNull(options);
        Assert.Equal([ToolNames.ReadFile, ToolNames.SearchFiles, ToolNames.Commit], options.Tools!.Select(t => t.Name));
        Assert.Equal("fake:strong", options.ModelId);
    }

    [Fact]
    public async Task RunAsync_ReadOnlyRoleListingWriteTools_IsNotOfferedThem()
    {
        var agent = TestAgents.MaliciousReader();
        var client = new QueueChatClient(QueueChatClient.Text("done"));

        await RunAsync(client, agent, workspace.Context(agent));

        Assert.Equal(TestAgents.ReviewerTools, client.Requests[0].Options!.Tools!.Select(t => t.Name));
    }

    [Fact]
    public async Task RunAsync_AsksTheProviderForThisInvocation()
    {
        var agent = TestAgents.Reader();
        var client = new QueueChatClient(QueueChatClient.Text("done"));
        var provider = new FakeAgentModelProvider(client);

        await RunAsync(client, agent, workspace.Context(agent), provider);

        var invocation = Assert.Single(provider.Invocations);
        Assert.Equal(("CALC-1", "code-reviewer", 1, "fake:cheap"), (invocation.IssueIdentifier, invocation.Role, invocation.Pass, invocation.Model));
    }

    [Fact]
    public async Task RunAsync_ReviewerSubmitsVerdict_ResultCarriesIt()
    {
        var agent = TestAgents.Reader();
        var thread = new RecordingPullRequestThread();
        var client = new QueueChatClient(
            QueueChatClient.Calls(QueueChatClient.Call("call-1", ToolNames.SubmitReview, ("verdict", "approve"), ("body", "Looks right."))),
            QueueChatClient.Text("Approved."));

        var result = await RunAsync(client, agent, workspace.Context(agent, pullRequest: thread));

        Assert.Equal(Verdict.Approve, result.Verdict);
        Assert.Equal(Verdict.Approve, Assert.Single(thread.Reviews).Verdict);

        // submit_review ends the pass: the model is not asked again.
        Assert.Single(client.Requests);
        Assert.Equal((AgentStopReason.Completed, 1), (result.StopReason, result.Turns));
    }

    [Fact]
    public async Task RunAsync_WriterCommits_ResultCarriesTheCommit()
    {
        await workspace.InitGitAsync();
        var agent = TestAgents.Writer();
        var client = new QueueChatClient(
            QueueChatClient.Calls(QueueChatClient.Call("call-1", ToolNames.WriteFile, ("path", "sum.txt"), ("content", "5\n"))),
            QueueChatClient.Calls(QueueChatClient.Call("call-2", ToolNames.Commit, ("message", "Add sum"))),
            QueueChatClient.Text("Implemented."));

        var result = await RunAsync(client, agent, workspace.Context(agent));

        var head = await workspace.GitOutputAsync("rev-parse", "HEAD");
        Assert.Equal([head], result.Commits);
        Assert.Equal(3, result.Turns);
        Assert.Equal("Implemented.", result.FinalText);
    }
}
