using System.Text.Json;
using Microsoft.Extensions.AI;
using Squad.Core;
using Squad.Models.Scripted;

namespace Squad.Models.Tests.Scripted;

public sealed class ScriptedChatClientTests : IDisposable
{
    private static readonly JsonSerializerOptions s_compactJson = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };
    private static readonly ChatMessage[] s_request = [new(ChatRole.User, "Hello")];
    private readonly TempScript _script = new(ScriptFixtures.Checkout);

    public void Dispose() => _script.Dispose();

    [Fact]
    public async Task GetResponseAsync_FirstTurn_ReturnsTextAndToolCallsWithExactMultiLineArgs()
    {
        using var client = ClientFor("qa");

        var response = await client.GetResponseAsync(s_request);

        var message = Assert.Single(response.Messages);
        Assert.Equal(ChatRole.Assistant, message.Role);
        Assert.Equal("I'll cover both scenarios.", message.Text);
        var calls = message.Contents.OfType<FunctionCallContent>().ToList();
        Assert.Equal(["write_file", "run_command"], calls.Select(c => c.Name));
        Assert.Equal("tests/DiscountTests.cs", StringArg(calls[0], "path"));
        Assert.Equal(ScriptFixtures.ExpectedTestContent, StringArg(calls[0], "content"));
        Assert.Equal("test", StringArg(calls[1], "name"));
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
    }

    [Fact]
    public async Task GetResponseAsync_SuccessiveRequests_ReturnTurnsInOrder()
    {
        using var client = ClientFor("qa");

        await client.GetResponseAsync(s_request);
        var second = await client.GetResponseAsync(s_request);
        var third = await client.GetResponseAsync(s_request);

        var commit = Assert.IsType<FunctionCallContent>(Assert.Single(second.Messages.Single().Contents));
        Assert.Equal("commit", commit.Name);
        Assert.Equal("Add tests for discount codes", StringArg(commit, "message"));
        Assert.Equal("Tests committed.", Assert.IsType<TextContent>(Assert.Single(third.Messages.Single().Contents)).Text);
        Assert.Equal(ChatFinishReason.Stop, third.FinishReason);
    }

    [Fact]
    public async Task GetResponseAsync_ToolCalls_HaveUniqueIdsNamingIssueRolePassTurnAndCall()
    {
        using var client = ClientFor("qa");

        var first = await client.GetResponseAsync(s_request);
        var second = await client.GetResponseAsync(s_request);

        var ids = first.Messages.Concat(second.Messages).SelectMany(m => m.Contents.OfType<FunctionCallContent>()).Select(c => c.CallId);
        Assert.Equal(["call_CHK-1_qa_1_1_1", "call_CHK-1_qa_1_1_2", "call_CHK-1_qa_1_2_1"], ids);
    }

    [Fact]
    public async Task GetResponseAsync_SecondPassInvocation_PlaysSecondPass()
    {
        using var client = ClientFor("developer", pass: 2);

        var response = await client.GetResponseAsync(s_request);

        Assert.Equal("Fixing the review comments.", response.Text);
        var call = Assert.IsType<FunctionCallContent>(response.Messages.Single().Contents[1]);
        Assert.Equal("call_CHK-1_developer_2_1_1", call.CallId);
    }

    [Fact]
    public async Task GetResponseAsync_ArgsWithScalarsListsAndMaps_ConvertsToJsonValues()
    {
        using var client = ClientFor("developer", pass: 2);

        var response = await client.GetResponseAsync(s_request);

        var call = response.Messages.Single().Contents.OfType<FunctionCallContent>().Single();
        var json = JsonSerializer.Serialize(call.Arguments, s_compactJson);
        Assert.Equal(
            """{"name":"test","retries":2,"ratio":1.0,"negative":-3,"verbose":true,"legacy":"yes","quoted":"42","nothing":null,"files":["a.cs","b.cs"],"nested":{"inner":{"deep":false}}}""",
            json);
    }

    [Fact]
    public async Task GetResponseAsync_PastALastTurnOfToolCalls_ThrowsScriptExhaustedWithExactMessage()
    {
        using var script = new TempScript("issues:\n  CHK-1:\n    developer:\n      - - calls:\n            - tool: list_files\n              args: {}\n");
        using var client = new ScriptedModelProvider(script.FilePath).GetClient(ScriptFixtures.Invocation(role: "developer"));
        await client.GetResponseAsync(s_request);

        var ex = await Assert.ThrowsAsync<SquadException>(() => client.GetResponseAsync(s_request));

        Assert.Equal(SquadErrorCode.ScriptExhausted, ex.Code);
        Assert.Equal($"scripted model ran out of responses for CHK-1 developer pass 1 ({script.FilePath})", ex.Message);
    }

    [Fact]
    public async Task GetResponseAsync_PastAFinalText_SaysTheSameTextAgainWithoutToolCalls()
    {
        using var client = ClientFor("developer");
        await client.GetResponseAsync(s_request);

        var again = await client.GetResponseAsync(s_request);

        Assert.Equal("Implemented.", Assert.IsType<TextContent>(Assert.Single(again.Messages.Single().Contents)).Text);
        Assert.Equal(ChatFinishReason.Stop, again.FinishReason);
    }

    [Fact]
    public async Task GetResponseAsync_FinalTextWhenFinishIsOffered_FinishesWithTheTextAsItsSummary()
    {
        using var client = ClientFor("developer");
        var options = new ChatOptions { Tools = [AIFunctionFactory.CreateDeclaration("finish", "End the pass.", JsonDocument.Parse("{}").RootElement)] };

        var response = await client.GetResponseAsync(s_request, options);

        var contents = response.Messages.Single().Contents;
        Assert.Equal("Implemented.", Assert.IsType<TextContent>(contents[0]).Text);
        var finish = Assert.IsType<FunctionCallContent>(contents[1]);
        Assert.Equal(("finish", "call_CHK-1_developer_1_1_finish", "Implemented."), (finish.Name, finish.CallId, finish.Arguments!["summary"] as string));
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
    }

    [Fact]
    public async Task GetResponseAsync_TextBeforeTheLastTurn_IsNeverTurnedIntoAFinish()
    {
        using var client = ClientFor("qa");
        var options = new ChatOptions { Tools = [AIFunctionFactory.CreateDeclaration("finish", "End the pass.", JsonDocument.Parse("{}").RootElement)] };

        var first = await client.GetResponseAsync(s_request, options);

        Assert.DoesNotContain(first.Messages.Single().Contents.OfType<FunctionCallContent>(), c => c.Name == "finish");
    }

    [Theory]
    [InlineData("CHK-9", "qa", 1)]
    [InlineData("CHK-1", "code-reviewer", 1)]
    [InlineData("CHK-1", "developer", 3)]
    public async Task GetResponseAsync_NoScriptForIssueRoleOrPass_ThrowsScriptExhaustedWithExactMessage(string issue, string role, int pass)
    {
        using var client = new ScriptedModelProvider(_script.FilePath).GetClient(ScriptFixtures.Invocation(issue, role, pass));

        var ex = await Assert.ThrowsAsync<SquadException>(() => client.GetResponseAsync(s_request));

        Assert.Equal(SquadErrorCode.ScriptExhausted, ex.Code);
        Assert.Equal($"scripted model ran out of responses for {issue} {role} pass {pass} ({_script.FilePath})", ex.Message);
    }

    [Fact]
    public async Task GetResponseAsync_SameRequest_ReportsNonZeroDeterministicUsage()
    {
        using var first = ClientFor("developer");
        using var second = ClientFor("developer");

        var a = await first.GetResponseAsync(s_request);
        var b = await second.GetResponseAsync(s_request);

        // "Hello" is 5 characters (2 tokens), "Implemented." 12 (3 tokens).
        Assert.Equal(2, a.Usage?.InputTokenCount);
        Assert.Equal(3, a.Usage?.OutputTokenCount);
        Assert.Equal(5, a.Usage?.TotalTokenCount);
        Assert.Equal((a.Usage?.InputTokenCount, a.Usage?.OutputTokenCount), (b.Usage?.InputTokenCount, b.Usage?.OutputTokenCount));
    }

    [Fact]
    public async Task GetResponseAsync_ToolCallsAndResultsInRequest_CountTowardInputTokens()
    {
        using var client = ClientFor("qa");
        var first = await client.GetResponseAsync(s_request);
        var results = first.Messages.Single().Contents.OfType<FunctionCallContent>()
            .Select(c => new FunctionResultContent(c.CallId, "ok: wrote 120 bytes"));
        ChatMessage[] request = [.. s_request, .. first.Messages, new(ChatRole.Tool, [.. results])];

        var second = await client.GetResponseAsync(request);

        Assert.True(second.Usage?.InputTokenCount > first.Usage?.InputTokenCount + first.Usage?.OutputTokenCount);
    }

    [Fact]
    public async Task GetResponseAsync_AnyTurn_ReportsScriptedModelId()
    {
        using var client = ClientFor("qa");

        var response = await client.GetResponseAsync(s_request);

        Assert.Equal("scripted", response.ModelId);
    }

    [Fact]
    public void GetService_ChatClientMetadata_NamesScriptedProviderAndModel()
    {
        using var client = ClientFor("qa");

        var metadata = client.GetService<ChatClientMetadata>();

        Assert.Equal("scripted", metadata?.ProviderName);
        Assert.Equal("scripted", metadata?.DefaultModelId);
        Assert.Same(client, client.GetService<ScriptedChatClient>());
    }

    [Fact]
    public async Task GetStreamingResponseAsync_Turn_YieldsTheTurnsContents()
    {
        using var client = ClientFor("qa");

        var response = await client.GetStreamingResponseAsync(s_request).ToChatResponseAsync();

        Assert.Equal("I'll cover both scenarios.", response.Text);
        Assert.Equal(2, response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Count());
    }

    [Fact]
    public async Task GetResponseAsync_WithLatency_WaitsThroughTheTimeProvider()
    {
        var time = new RecordingTimeProvider();
        var provider = new ScriptedModelProvider(_script.FilePath, TimeSpan.FromMinutes(10), time);
        using var client = provider.GetClient(ScriptFixtures.Invocation());

        var response = await client.GetResponseAsync(s_request);

        Assert.Equal([TimeSpan.FromMinutes(10)], time.Delays);
        Assert.Equal("I'll cover both scenarios.", response.Text);
    }

    [Fact]
    public async Task GetResponseAsync_CancelledDuringLatency_DoesNotConsumeTheTurn()
    {
        var provider = new ScriptedModelProvider(_script.FilePath, TimeSpan.FromMinutes(10), new RecordingTimeProvider());
        using var client = provider.GetClient(ScriptFixtures.Invocation(role: "developer"));
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetResponseAsync(s_request, cancellationToken: cancellation.Token));
        var response = await client.GetResponseAsync(s_request);

        Assert.Equal("Implemented.", response.Text);
    }

    private IChatClient ClientFor(string role, int pass = 1) =>
        new ScriptedModelProvider(_script.FilePath).GetClient(ScriptFixtures.Invocation(role: role, pass: pass));

    private static string? StringArg(FunctionCallContent call, string name) =>
        Assert.IsType<JsonElement>(call.Arguments?[name]).GetString();
}
