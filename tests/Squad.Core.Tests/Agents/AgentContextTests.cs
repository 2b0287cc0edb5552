using Microsoft.Extensions.AI;
using Squad.Core.Agents;
using Squad.Core.Tests.Tools;
using Squad.Core.Tools;
using Squad.Testing;

namespace Squad.Core.Tests.Agents;

/// <summary>Keeping a pass within its context: old tool results collapse in batches, and an overflow trims and asks again.</summary>
public sealed class AgentContextTests : IDisposable
{
    private readonly TestWorkspace workspace = new();

    public AgentContextTests() => workspace.Write("big.txt", new string('x', 1_000) + "\n");

    public void Dispose() => workspace.Dispose();

    private Task<AgentResult> RunAsync(IChatClient client, AgentDefinition agent)
        => new AgentRunner(new FakeAgentModelProvider(client), new ToolBox()).RunAsync(
            new AgentInvocation { RunId = "run-1", IssueIdentifier = "CALC-1", Role = agent.Name, Pass = 1, Model = agent.Model }, agent, "Read.", workspace.Context(agent));

    private static ChatResponse ReadBig(int turn) => QueueChatClient.Calls(QueueChatClient.Call($"call-{turn}", ToolNames.ReadFile, ("path", "big.txt")));

    private static List<string> Results(QueueChatRequest request)
        => [.. request.Messages.Where(m => m.Role == ChatRole.Tool).Select(m => (string)((FunctionResultContent)m.Contents[0]).Result!)];

    [Fact]
    public async Task LongPass_OldResultsCollapseAtOnceWhenTheyWeighEnough_AndThePrefixStaysTheSameBetweenCollapses()
    {
        // Ten reads of a 10,000-character file: a collapse needs 48,000 characters of results older than the last two turns.
        workspace.Write("large.txt", string.Concat(Enumerable.Repeat(new string('y', 99) + "\n", 100)));
        var client = new QueueChatClient();
        for (var turn = 1; turn <= 10; turn++)
        {
            client.Enqueue(QueueChatClient.Calls(QueueChatClient.Call($"call-{turn}", ToolNames.ReadFile, ("path", "large.txt"))));
        }

        client.Enqueue(QueueChatClient.Text("done"));
        await RunAsync(client, TestAgents.Writer() with { MaxTurns = 11, WarnTurnsLeft = 0 });

        // Turn 7 sees its 6 results whole (4 aged: 40,000 characters, not worth a collapse); turn 8 sees turns 1-5 collapsed
        // (50,000) and 6-7 whole; turn 9 the same first seven results: the prefix a provider caches did not change.
        Assert.All(Results(client.Requests[6]), r => Assert.StartsWith("yyyy", r, StringComparison.Ordinal));
        var eighth = Results(client.Requests[7]);
        Assert.Equal(7, eighth.Count);
        Assert.All(eighth[..5], r => Assert.StartsWith("[collapsed to keep the context small: the result of read_file {\"path\":\"large.txt\"} in turn ", r, StringComparison.Ordinal));
        Assert.EndsWith("characters; call the tool again if you need it]", eighth[0], StringComparison.Ordinal);
        Assert.All(eighth[5..], r => Assert.StartsWith("yyyy", r, StringComparison.Ordinal));
        Assert.Equal(eighth, Results(client.Requests[8])[..7]);
        Assert.Equal(eighth, Results(client.Requests[10])[..7]);
    }

    [Fact]
    public async Task LongPass_OfSmallResults_NeverCollapses_ACollapseMustRemoveMoreThanTheCacheItBreaks()
    {
        var client = new QueueChatClient();
        for (var turn = 1; turn <= 10; turn++)
        {
            client.Enqueue(ReadBig(turn));
        }

        client.Enqueue(QueueChatClient.Text("done"));
        await RunAsync(client, TestAgents.Writer() with { MaxTurns = 11, WarnTurnsLeft = 0 });

        // Ten results of 1,001 characters: 8,008 aged by the last call, far from 48,000.
        var last = Results(client.Requests[10]);
        Assert.Equal(10, last.Count);
        Assert.All(last, r => Assert.StartsWith("xxxx", r, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ContextOverflow_OldResultsAreCollapsedAndTheSameTurnAskedAgain()
    {
        var queue = new QueueChatClient(ReadBig(1), ReadBig(2), QueueChatClient.Text("done"));
        var client = new OverflowingChatClient(queue, overflowOnRequest: 3, times: 1);

        var result = await RunAsync(client, TestAgents.Writer());

        Assert.Equal((AgentStopReason.Completed, "done", 3), (result.StopReason, result.FinalText, result.Turns));
        var retried = Results(queue.Requests[2]);
        Assert.StartsWith("[collapsed to keep the context small: the result of read_file", retried[0], StringComparison.Ordinal);
        Assert.StartsWith("xxxx", retried[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContextOverflow_EveryTrimTried_ThenThePassFailsWithTheOverflow()
    {
        var queue = new QueueChatClient(ReadBig(1), QueueChatClient.Text("never"));
        var client = new OverflowingChatClient(queue, overflowOnRequest: 2, times: 10);

        var error = await Assert.ThrowsAsync<SquadException>(() => RunAsync(client, TestAgents.Writer()));

        Assert.Equal(SquadErrorCode.ContextOverflow, error.Code);

        // Asked once more after shortening the only result to 2,000 characters (it has 1,001: nothing), then after collapsing it.
        Assert.Equal(3, client.Calls);
    }

    /// <summary>Fails chosen requests as a provider past its context window does (after its own retries: a SquadException).</summary>
    private sealed class OverflowingChatClient(QueueChatClient inner, int overflowOnRequest, int times) : DelegatingChatClient(inner)
    {
        private int remaining = times;

        public int Calls { get; private set; }

        public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Calls++;
            if (Calls >= overflowOnRequest && remaining > 0)
            {
                remaining--;
                throw new SquadException(SquadErrorCode.ContextOverflow, "fake refused a request longer than its context window: HTTP 400: prompt is too long");
            }

            return base.GetResponseAsync(messages, options, cancellationToken);
        }
    }
}
