using System.Text.Json;
using Microsoft.Extensions.AI;
using Squad.Core;
using Squad.Core.Agents;
using Squad.Core.Tools;
using Squad.Testing;

namespace Squad.Models.Tests.Anthropic;

/// <summary>The anthropic provider (the SDK's own chat client), built as a run builds it, against a loopback server speaking messages.</summary>
public sealed class AnthropicProviderTests : ProviderTests
{
    protected override Task<AgentResult> RunAsync(int maxTurns = 5)
        => Pass.RunAsync(LoopbackModels.Anthropic(Server, Clock), AgentPass.Reader(LoopbackModels.AnthropicModel, maxTurns));

    [Fact]
    public async Task RunAsync_ModelUsesReadFile_GetsTheContentAndAnswers()
    {
        Server.Enqueue(AnthropicWire.ToolUse("toolu_1", ToolNames.ReadFile, "{\"path\":\"notes.txt\"}", "Let me read it."), AnthropicWire.Text("The note says alpha."));

        var result = await RunAsync();

        Assert.Equal(AgentStopReason.Completed, result.StopReason);
        Assert.Equal("The note says alpha.", result.FinalText);
        Assert.Equal(2, result.Turns);
        var call = Assert.Single(result.ToolCalls);
        Assert.Equal((ToolNames.ReadFile, ToolCallStatus.Ok), (call.Name, call.Status));
        Assert.All(Server.Requests, r => Assert.Equal(("POST", "/v1/messages"), (r.Method, r.Path)));
        var headers = Server.Requests[0].Headers;
        Assert.Contains(LoopbackModels.AnthropicKey, headers.GetValueOrDefault("x-api-key") ?? headers.GetValueOrDefault("Authorization") ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_FirstRequest_CarriesModelSystemPromptMaxTokensAndTools()
    {
        Server.Enqueue(AnthropicWire.Text("Nothing to do."));

        await RunAsync();

        var body = Body(Assert.Single(Server.Requests));
        Assert.Equal("claude-test", body.GetProperty("model").GetString());
        Assert.Equal(8192, body.GetProperty("max_tokens").GetInt32());
        Assert.Contains("You are the Code Reviewer.", body.GetProperty("system").GetRawText(), StringComparison.Ordinal);
        var message = Assert.Single(body.GetProperty("messages").EnumerateArray());
        Assert.Equal("user", message.GetProperty("role").GetString());
        Assert.Contains(AgentPass.Briefing, message.GetProperty("content").GetRawText(), StringComparison.Ordinal);
        var tools = body.GetProperty("tools").EnumerateArray().ToList();
        Assert.Equal([ToolNames.ReadFile, ToolNames.ListFiles], tools.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal("string", tools[0].GetProperty("input_schema").GetProperty("properties").GetProperty("path").GetProperty("type").GetString());
    }

    [Fact]
    public async Task RunAsync_SecondRequest_SendsToolUseAndToolResultInAUserMessage()
    {
        Server.Enqueue(AnthropicWire.ToolUse("toolu_1", ToolNames.ReadFile, "{\"path\":\"notes.txt\"}"), AnthropicWire.Text("alpha"));

        await RunAsync();

        var messages = Body(Server.Requests[1]).GetProperty("messages");
        Assert.Equal(["user", "assistant", "user"], messages.EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        var toolUse = Assert.Single(messages[1].GetProperty("content").EnumerateArray(), b => b.GetProperty("type").GetString() == "tool_use");
        Assert.Equal(("toolu_1", ToolNames.ReadFile), (toolUse.GetProperty("id").GetString(), toolUse.GetProperty("name").GetString()));
        Assert.Equal("notes.txt", toolUse.GetProperty("input").GetProperty("path").GetString());
        var toolResult = Assert.Single(messages[2].GetProperty("content").EnumerateArray());
        Assert.Equal("tool_result", toolResult.GetProperty("type").GetString());
        Assert.Equal("toolu_1", toolResult.GetProperty("tool_use_id").GetString());
        Assert.Contains("alpha", toolResult.GetProperty("content").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_Message_MapsStopReasonUsageAndModel()
    {
        Server.Enqueue(AnthropicWire.ToolUse("toolu_9", ToolNames.ListFiles, "{}"));
        var client = LoopbackModels.Anthropic(Server, Clock).GetClient(AgentPass.Invocation(AgentPass.Reader(LoopbackModels.AnthropicModel)));

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "list")]);

        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.Equal("claude-test-20250101", response.ModelId);
        Assert.Equal((200L, 40L), (response.Usage!.InputTokenCount, response.Usage.OutputTokenCount));
        var call = Assert.IsType<FunctionCallContent>(Assert.Single(response.Messages.SelectMany(m => m.Contents)));
        Assert.Equal(("toolu_9", ToolNames.ListFiles), (call.CallId, call.Name));
    }

    [Fact]
    public async Task RunAsync_429WithRetryAfter_WaitsExactlyThatLongOnTheClock()
    {
        Server.Enqueue(LoopbackResponse.Error(429, AnthropicWire.ErrorBody("Number of requests has exceeded your rate limit", "rate_limit_error"), ("Retry-After", "7")), AnthropicWire.Text("done"));

        var run = RunAsync();
        await Clock.WaitForTimerAsync(TimeSpan.FromSeconds(7));
        Clock.Advance(TimeSpan.FromSeconds(7) - TimeSpan.FromMilliseconds(1));
        var requestsBeforeTheWaitEnds = Server.Requests.Count;
        Clock.Advance(TimeSpan.FromMilliseconds(1));
        var result = await run;

        Assert.Equal(1, requestsBeforeTheWaitEnds);
        Assert.Equal(2, Server.Requests.Count);
        Assert.Equal("done", result.FinalText);
        Assert.Equal([TimeSpan.FromSeconds(7)], LoopbackModels.RetryWaits(Clock));
        Assert.Equal(TimeSpan.FromSeconds(7), Clock.Elapsed);
    }

    [Fact]
    public async Task RunAsync_529OverloadedThenSuccess_RetriesAfterOneSecond()
    {
        Server.Enqueue(LoopbackResponse.Error(529, AnthropicWire.ErrorBody("Overloaded", "overloaded_error")), AnthropicWire.Text("done"));

        var run = RunAsync();
        await Clock.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        Clock.Advance(TimeSpan.FromSeconds(1));
        var result = await run;

        Assert.Equal(AgentStopReason.Completed, result.StopReason);
        Assert.Equal(2, Server.Requests.Count);
        Assert.Equal(Server.Requests[0].Body, Server.Requests[1].Body);
        Assert.Equal([TimeSpan.FromSeconds(1)], LoopbackModels.RetryWaits(Clock));
    }

    [Fact]
    public async Task RunAsync_500ThenSuccess_RetriesAfterOneSecond()
    {
        Server.Enqueue(LoopbackResponse.Error(500, AnthropicWire.ErrorBody("Internal server error")), AnthropicWire.Text("done"));

        var run = RunAsync();
        await Clock.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        Clock.Advance(TimeSpan.FromSeconds(1));
        var result = await run;

        Assert.Equal("done", result.FinalText);
        Assert.Equal(2, Server.Requests.Count);
    }

    [Fact]
    public async Task RunAsync_MalformedBody_FailsWithAClearModelErrorAndNoRetry()
    {
        Server.Enqueue(LoopbackResponse.Json("this is not json"));

        var error = await Assert.ThrowsAsync<SquadException>(() => RunAsync());

        Assert.Equal(SquadErrorCode.Model, error.Code);
        Assert.StartsWith("anthropic answered with a malformed body: ", error.Message, StringComparison.Ordinal);
        Assert.Single(Server.Requests);
    }

    [Fact]
    public async Task RunAsync_401_FailsAtOnceWithTheProvidersMessageAndNoKey()
    {
        Server.Enqueue(LoopbackResponse.Error(401, AnthropicWire.ErrorBody($"invalid x-api-key {LoopbackModels.AnthropicKey}", "authentication_error")));

        var error = await Assert.ThrowsAsync<SquadException>(() => RunAsync());

        Assert.StartsWith("anthropic claude-test failed: HTTP 401: invalid x-api-key ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(LoopbackModels.AnthropicKey, error.Message, StringComparison.Ordinal);
        Assert.Single(Server.Requests);
    }

    [Fact]
    public async Task RunAsync_EveryRequest_MarksTheSystemPromptTheBriefingAndTheLatestBlockForThePromptCache()
    {
        Server.Enqueue(AnthropicWire.ToolUse("toolu_1", ToolNames.ReadFile, "{\"path\":\"notes.txt\"}"), AnthropicWire.Text("alpha"));

        await RunAsync();

        var second = Body(Server.Requests[1]);
        Assert.Equal(3, second.GetRawText().Split("\"cache_control\"").Length - 1);
        Assert.Equal("ephemeral", second.GetProperty("system").EnumerateArray().Last().GetProperty("cache_control").GetProperty("type").GetString());
        var messages = second.GetProperty("messages").EnumerateArray().ToList();
        Assert.True(messages[0].GetProperty("content").EnumerateArray().Last().TryGetProperty("cache_control", out _));
        Assert.False(messages[1].GetProperty("content").EnumerateArray().Last().TryGetProperty("cache_control", out _));
        var latest = messages[^1].GetProperty("content").EnumerateArray().Last();
        Assert.Equal(("tool_result", "ephemeral"), (latest.GetProperty("type").GetString(), latest.GetProperty("cache_control").GetProperty("type").GetString()));
    }

    [Fact]
    public async Task RunAsync_PromptTooLong_IsAContextOverflowAfterTheLoopTrimmedWhatItCould()
    {
        Server.Enqueue(AnthropicWire.ToolUse("toolu_1", ToolNames.ReadFile, "{\"path\":\"notes.txt\"}"));
        Server.Enqueue(LoopbackResponse.Error(400, AnthropicWire.ErrorBody("prompt is too long: 210345 tokens > 200000 maximum", "invalid_request_error")));

        var error = await Assert.ThrowsAsync<SquadException>(() => RunAsync());

        Assert.Equal(SquadErrorCode.ContextOverflow, error.Code);
        Assert.Equal("anthropic claude-test refused a request longer than its context window: HTTP 400: prompt is too long: 210345 tokens > 200000 maximum", error.Message);

        // Not retried as it was: its one short tool result leaves nothing to trim.
        Assert.Equal(2, Server.Requests.Count);
    }

    [Fact]
    public async Task RunAsync_ServerKeepsUsingTools_StopsAtMaxTurns()
    {
        for (var i = 1; i <= 5; i++)
        {
            Server.Enqueue(AnthropicWire.ToolUse($"toolu_{i}", ToolNames.ListFiles, "{}"));
        }

        var result = await RunAsync(maxTurns: 3);

        Assert.Equal(AgentStopReason.MaxTurns, result.StopReason);
        Assert.Equal(3, result.Turns);
        Assert.Equal(3, result.ToolCalls.Count);
        Assert.Equal(3, Server.Requests.Count);
    }
}
