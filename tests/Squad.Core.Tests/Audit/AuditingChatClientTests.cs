using Microsoft.Extensions.AI;
using Squad.Core.Agents;
using Squad.Core.Audit;
using Squad.Core.Security;
using Squad.Testing;

namespace Squad.Core.Tests.Audit;

public sealed class AuditingChatClientTests
{
    private static readonly AgentInvocation Developer = Invocation("CALC-1");
    private static readonly PriceTable Prices = new(new Dictionary<string, ModelPrice>
    {
        ["gpt-4.1"] = new() { InputPerMillion = 2m, OutputPerMillion = 8m },
    });

    private readonly InMemoryAuditLog log = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task GetResponseAsync_OneCall_RecordsWhoAskedTheModelTokensCostAndTime()
    {
        var client = await ClientAsync(new QueueChatClient(Answer("done", 1000, 500)));

        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Implement CALC-1")]);

        var call = Assert.Single(log.ModelCalls);
        Assert.Equal(("run-1", "CALC-1", "developer", 2), (call.RunId, call.IssueIdentifier, call.Role, call.Pass));
        Assert.Equal("openai", call.Provider);
        Assert.Equal("gpt-4.1-2025-04-14", call.ModelId);
        Assert.Equal((1000L, 500L), (call.InputTokens, call.OutputTokens));
        Assert.Equal(0.006m, call.CostUsd);
        Assert.Equal(clock.UtcNow, call.At);
        Assert.Matches("^[0-9a-f]{64}$", call.RequestSha256);
        Assert.Matches("^[0-9a-f]{64}$", call.ResponseSha256);
        Assert.NotEqual(call.RequestSha256, call.ResponseSha256);
    }

    [Fact]
    public async Task GetResponseAsync_ResponseWithoutModelId_RecordsAndPricesTheModelTheRoleAskedFor()
    {
        var client = await ClientAsync(new QueueChatClient(Answer("done", 1_000_000, 0, modelId: null)));

        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Implement CALC-1")]);

        var call = Assert.Single(log.ModelCalls);
        Assert.Equal("openai:gpt-4.1", call.ModelId);
        Assert.Equal(2m, call.CostUsd);
    }

    [Fact]
    public async Task GetResponseAsync_ModelWithoutAPrice_RecordsItsTokensAtZeroCost()
    {
        var client = await ClientAsync(new QueueChatClient(Answer("done", 10, 20, modelId: "mystery-1")), invocation: Invocation("CALC-1", "local:mystery-1"));

        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]);

        var call = Assert.Single(log.ModelCalls);
        Assert.Equal((10L, 20L, 0m), (call.InputTokens, call.OutputTokens, call.CostUsd));
    }

    [Fact]
    public async Task GetResponseAsync_SameRequestAndResponseTwice_HaveTheSameHashesAndOtherToolsChangeTheRequestHash()
    {
        var inner = new QueueChatClient(Answer("done", 1, 1), Answer("done", 1, 1), Answer("done", 1, 1));
        var client = await ClientAsync(inner);
        ChatMessage[] request = [new(ChatRole.User, "Implement CALC-1")];
        var tools = new ChatOptions { Tools = [AIFunctionFactory.CreateDeclaration("read_file", "Read a file.", default)] };

        await client.GetResponseAsync(request);
        await client.GetResponseAsync(request);
        await client.GetResponseAsync(request, tools);

        var calls = log.ModelCalls;
        Assert.Equal(calls[0].RequestSha256, calls[1].RequestSha256);
        Assert.Equal(calls[0].ResponseSha256, calls[1].ResponseSha256);
        Assert.NotEqual(calls[0].RequestSha256, calls[2].RequestSha256);
    }

    [Fact]
    public async Task GetResponseAsync_IssueTokenBudgetSpent_StopsBeforeAskingTheModelAndNamesTheBudget()
    {
        var inner = new QueueChatClient(Answer("first", 1000, 500), Answer("second", 1, 1));
        var client = await ClientAsync(inner, new Budgets { IssueTokens = 1500 });
        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "go")]);

        var error = await Assert.ThrowsAsync<SquadException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "again")]));

        Assert.Equal(SquadErrorCode.BudgetExceeded, error.Code);
        Assert.Contains("issue budget of 1,500 tokens is spent; CALC-1 has used 1,500 tokens ($0.0060)", error.Message, StringComparison.Ordinal);
        Assert.Single(inner.Requests);
        Assert.Single(log.ModelCalls);
    }

    [Fact]
    public async Task GetResponseAsync_MilestoneDollarBudgetSpentByAnotherIssue_StopsThisIssueToo()
    {
        var trail = await TrailAsync(new Budgets { MilestoneUsd = 0.006m });
        var first = trail.Observe(new FakeAgentModelProvider(new QueueChatClient(Answer("done", 1000, 500)))).GetClient(Developer);
        var other = new QueueChatClient(Answer("never", 1, 1));
        await first.GetResponseAsync([new ChatMessage(ChatRole.User, "go")]);

        var error = await Assert.ThrowsAsync<SquadException>(
            () => trail.Observe(new FakeAgentModelProvider(other)).GetClient(Invocation("CALC-2")).GetResponseAsync([new ChatMessage(ChatRole.User, "go")]));

        Assert.Equal(SquadErrorCode.BudgetExceeded, error.Code);
        Assert.Contains("milestone budget of $0.0060 is spent", error.Message, StringComparison.Ordinal);
        Assert.Empty(other.Requests);
    }

    [Fact]
    public async Task StartAsync_EarlierRunsSpentTheIssueBudget_StopsTheFirstCallOfThisRun()
    {
        await log.RecordModelCallAsync(Record("CALC-1", inputTokens: 900, outputTokens: 100));
        var inner = new QueueChatClient(Answer("never", 1, 1));
        var client = await ClientAsync(inner, new Budgets { IssueTokens = 1000 });

        var error = await Assert.ThrowsAsync<SquadException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "go")]));

        Assert.Equal(SquadErrorCode.BudgetExceeded, error.Code);
        Assert.Empty(inner.Requests);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_AllUpdatesRead_RecordsOneCallWithTheStreamedUsage()
    {
        var client = await ClientAsync(new QueueChatClient(Answer("streamed", 1000, 500)));

        await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "go")]))
        {
            Assert.NotNull(update);
        }

        var call = Assert.Single(log.ModelCalls);
        Assert.Equal((1000L, 500L, 0.006m), (call.InputTokens, call.OutputTokens, call.CostUsd));
    }

    private static AgentInvocation Invocation(string issue, string model = "openai:gpt-4.1")
        => new() { RunId = "run-1", IssueIdentifier = issue, Role = "developer", Pass = 2, Model = model };

    private static ChatResponse Answer(string text, long input, long output, string? modelId = "gpt-4.1-2025-04-14")
        => new(new ChatMessage(ChatRole.Assistant, text))
        {
            ModelId = modelId,
            Usage = new UsageDetails { InputTokenCount = input, OutputTokenCount = output },
        };

    private static ModelCallRecord Record(string issue, long inputTokens, long outputTokens) => new()
    {
        RunId = "run-0",
        IssueIdentifier = issue,
        Role = "developer",
        Pass = 1,
        Provider = "openai",
        ModelId = "gpt-4.1",
        RequestSha256 = new string('a', 64),
        ResponseSha256 = new string('b', 64),
        InputTokens = inputTokens,
        OutputTokens = outputTokens,
        CostUsd = 0m,
        Latency = TimeSpan.FromSeconds(1),
        At = new DateTimeOffset(2025, 5, 1, 0, 0, 0, TimeSpan.Zero),
    };

    private Task<AuditTrail> TrailAsync(Budgets? budgets = null)
        => AuditTrail.StartAsync(log, Prices, budgets ?? Budgets.None, new SecretRedactor([]), clock, "milestones/calc");

    private async Task<IChatClient> ClientAsync(IChatClient inner, Budgets? budgets = null, AgentInvocation? invocation = null)
        => (await TrailAsync(budgets)).Observe(new FakeAgentModelProvider(inner)).GetClient(invocation ?? Developer);
}
