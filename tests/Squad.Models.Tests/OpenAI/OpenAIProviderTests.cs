using System.Text.Json;
using Microsoft.Extensions.AI;
using Squad.Core;
using Squad.Core.Agents;
using Squad.Core.Tools;
using Squad.Models.OpenAI;
using Squad.Testing;

namespace Squad.Models.Tests.OpenAI;

/// <summary>The openai provider, built as a run builds it, against a loopback server speaking chat completions.</summary>
public sealed class OpenAIProviderTests : ProviderTests
{
    protected override Task<AgentResult> RunAsync(int maxTurns = 5)
        => Pass.RunAsync(LoopbackModels.OpenAI(Server, Clock), AgentPass.Reader(LoopbackModels.OpenAIModel, maxTurns));

    [Fact]
    public async Task RunAsync_ModelCallsReadFile_GetsTheContentAndAnswers()
    {
        Server.Enqueue(OpenAIWire.ToolCalls(("call_1", ToolNames.ReadFile, "{\"path\":\"notes.txt\"}")), OpenAIWire.Text("The note says alpha."));

        var result = await RunAsync();

        Assert.Equal(AgentStopReason.Completed, result.StopReason);
        Assert.Equal("The note says alpha.", result.FinalText);
        Assert.Equal(2, result.Turns);
        var call = Assert.Single(result.ToolCalls);
        Assert.Equal((ToolNames.ReadFile, ToolCallStatus.Ok), (call.Name, call.Status));
        Assert.All(Server.Requests, r => Assert.Equal(("POST", "/v1/chat/completions"), (r.Method, r.Path)));
        Assert.Equal($"Bearer {LoopbackModels.OpenAIKey}", Server.Requests[0].Headers["Authorization"]);
    }

    [Fact]
    public async Task RunAsync_FirstRequest_CarriesModelMessagesAndToolDeclarations()
    {
        Server.Enqueue(OpenAIWire.Text("Nothing to do."));

        await RunAsync();

        var body = Body(Assert.Single(Server.Requests));
        Assert.Equal("gpt-test", body.GetProperty("model").GetString());
        var messages = body.GetProperty("messages");
        Assert.Equal(["system", "user"], messages.EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        Assert.Equal("You are the Code Reviewer. Your tools: read_file, list_files.", messages[0].GetProperty("content").GetString());
        Assert.Equal(AgentPass.Briefing, messages[1].GetProperty("content").GetString());
        var tools = body.GetProperty("tools").EnumerateArray().ToList();
        Assert.Equal([ToolNames.ReadFile, ToolNames.ListFiles], tools.Select(t => t.GetProperty("function").GetProperty("name").GetString()));
        Assert.All(tools, t => Assert.Equal("function", t.GetProperty("type").GetString()));
        Assert.Equal("string", tools[0].GetProperty("function").GetProperty("parameters").GetProperty("properties").GetProperty("path").GetProperty("type").GetString());
    }

    [Fact]
    public async Task RunAsync_SecondRequest_SendsTheToolCallAndItsResultBack()
    {
        Server.Enqueue(OpenAIWire.ToolCalls(("call_1", ToolNames.ReadFile, "{\"path\":\"notes.txt\"}")), OpenAIWire.Text("alpha"));

        await RunAsync();

        var messages = Body(Server.Requests[1]).GetProperty("messages");
        Assert.Equal(["system", "user", "assistant", "tool"], messages.EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        var toolCall = Assert.Single(messages[2].GetProperty("tool_calls").EnumerateArray());
        Assert.Equal(("call_1", "function"), (toolCall.GetProperty("id").GetString(), toolCall.GetProperty("type").GetString()));
        Assert.Equal(ToolNames.ReadFile, toolCall.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("notes.txt", JsonDocument.Parse(toolCall.GetProperty("function").GetProperty("arguments").GetString()!).RootElement.GetProperty("path").GetString());
        Assert.Equal("call_1", messages[3].GetProperty("tool_call_id").GetString());
        Assert.Equal("alpha", messages[3].GetProperty("content").GetString());
    }

    [Fact]
    public async Task GetResponseAsync_Completion_MapsFinishReasonUsageAndModel()
    {
        Server.Enqueue(OpenAIWire.ToolCalls(("call_9", ToolNames.ListFiles, "{}")));
        var client = LoopbackModels.OpenAI(Server, Clock).GetClient(AgentPass.Invocation(AgentPass.Reader(LoopbackModels.OpenAIModel)));

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "list")]);

        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.Equal("gpt-test-2025-01-01", response.ModelId);
        Assert.Equal((120L, 30L, 150L), (response.Usage!.InputTokenCount, response.Usage.OutputTokenCount, response.Usage.TotalTokenCount));
        Assert.Equal(100L, response.Usage.CachedInputTokenCount);
        var call = Assert.IsType<FunctionCallContent>(Assert.Single(response.Messages.SelectMany(m => m.Contents)));
        Assert.Equal(("call_9", ToolNames.ListFiles), (call.CallId, call.Name));
    }

    [Fact]
    public async Task RunAsync_429WithRetryAfter_WaitsExactlyThatLongOnTheClock()
    {
        Server.Enqueue(LoopbackResponse.Error(429, OpenAIWire.ErrorBody("Rate limit reached", "requests"), ("Retry-After", "7")), OpenAIWire.Text("done"));

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
    public async Task RunAsync_500ThenSuccess_RetriesAfterOneSecond()
    {
        Server.Enqueue(LoopbackResponse.Error(500, OpenAIWire.ErrorBody("The server had an error")), OpenAIWire.Text("done"));

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
    public async Task RunAsync_500EveryTime_FailsAfterFiveAttemptsWithTheStatus()
    {
        for (var i = 0; i < 5; i++)
        {
            Server.Enqueue(LoopbackResponse.Error(500, OpenAIWire.ErrorBody("The server had an error")));
        }

        var run = RunAsync();
        foreach (var seconds in new[] { 1, 2, 4, 8 })
        {
            await Clock.WaitForTimerAsync(TimeSpan.FromSeconds(seconds));
            Clock.Advance(TimeSpan.FromSeconds(seconds));
        }

        var error = await Assert.ThrowsAsync<SquadException>(() => run);
        Assert.Equal(SquadErrorCode.Model, error.Code);
        Assert.Equal("openai gpt-test failed: HTTP 500: The server had an error (after 5 attempts)", error.Message);
        Assert.Equal(5, Server.Requests.Count);
    }

    [Fact]
    public async Task RunAsync_MalformedBody_FailsWithAClearModelErrorAndNoRetry()
    {
        Server.Enqueue(LoopbackResponse.Json("this is not json"));

        var error = await Assert.ThrowsAsync<SquadException>(() => RunAsync());

        Assert.Equal(SquadErrorCode.Model, error.Code);
        Assert.StartsWith("openai answered with a malformed body: ", error.Message, StringComparison.Ordinal);
        Assert.Single(Server.Requests);
    }

    [Fact]
    public async Task RunAsync_CompletionWithoutChoices_IsAMalformedBody()
    {
        Server.Enqueue(LoopbackResponse.Json("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[]}"));

        var error = await Assert.ThrowsAsync<SquadException>(() => RunAsync());

        Assert.Equal("openai answered with a malformed body: the completion has no choices", error.Message);
    }

    [Fact]
    public async Task GetResponseAsync_CompletionWithoutChoices_IsMalformedNotTheSdksIndexError()
    {
        Server.Enqueue(LoopbackResponse.Json("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[]}"));
        using var client = new OpenAIChatClient("gpt-test", LoopbackModels.OpenAIKey, Server.Url("v1"));

        var error = await Assert.ThrowsAsync<MalformedResponseException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        Assert.Equal("the completion has no choices", error.Message);
        Assert.IsType<ArgumentOutOfRangeException>(error.InnerException);
    }

    [Fact]
    public async Task RunAsync_401EchoingTheKey_FailsAtOnceWithoutTheKey()
    {
        Server.Enqueue(LoopbackResponse.Error(401, OpenAIWire.ErrorBody($"Incorrect API key provided: {LoopbackModels.OpenAIKey}", "invalid_request_error")));

        var error = await Assert.ThrowsAsync<SquadException>(() => RunAsync());

        Assert.StartsWith("openai gpt-test failed: HTTP 401: Incorrect API key provided: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(LoopbackModels.OpenAIKey, error.Message, StringComparison.Ordinal);
        Assert.Single(Server.Requests);
    }

    [Fact]
    public async Task RunAsync_ServerKeepsCallingTools_StopsAtMaxTurns()
    {
        for (var i = 1; i <= 5; i++)
        {
            Server.Enqueue(OpenAIWire.ToolCalls(($"call_{i}", ToolNames.ListFiles, "{}")));
        }

        var result = await RunAsync(maxTurns: 3);

        Assert.Equal(AgentStopReason.MaxTurns, result.StopReason);
        Assert.Equal(3, result.Turns);
        Assert.Equal(3, result.ToolCalls.Count);
        Assert.Equal(3, Server.Requests.Count);
    }
}
