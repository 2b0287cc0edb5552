using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Squad.Core.Agents;

namespace Squad.Benchmark;

/// <summary>
/// A chat client decorator that timestamps each call of one agent pass (before and after the inner
/// client, so the scripted latency falls inside) and, when asked, keeps what was sent.
/// </summary>
internal sealed class RecordingChatClient(IChatClient inner, AgentInvocation invocation, CallLog log) : DelegatingChatClient(inner)
{
    private int turns;

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var request = Snapshot(messages);
        var response = await base.GetResponseAsync(request, options, cancellationToken);
        Record(started, request, options, SizeOf(response.Messages));
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var request = Snapshot(messages);
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in base.GetStreamingResponseAsync(request, options, cancellationToken))
        {
            updates.Add(update);
            yield return update;
        }

        Record(started, request, options, SizeOf(updates.ToChatResponse().Messages));
    }

    // The agent loop appends to its list after the call; a copy keeps the request as it was sent.
    private static List<ChatMessage> Snapshot(IEnumerable<ChatMessage> messages) => [.. messages];

    private static int SizeOf(IEnumerable<ChatMessage> messages) => messages.SelectMany(m => m.Contents).Sum(c => c switch
    {
        TextContent text => text.Text.Length,
        FunctionCallContent call => call.Name.Length + System.Text.Json.JsonSerializer.Serialize(call.Arguments, Microsoft.Extensions.AI.AIJsonUtilities.DefaultOptions).Length,
        _ => 0,
    });

    private void Record(long started, List<ChatMessage> request, ChatOptions? options, int responseCharacters)
    {
        var capture = log.CapturePrompts;
        log.Add(new ModelCall
        {
            Issue = invocation.IssueIdentifier,
            Role = invocation.Role,
            Pass = invocation.Pass,
            Turn = Interlocked.Increment(ref turns),
            StartedAt = started,
            EndedAt = Stopwatch.GetTimestamp(),
            ResponseCharacters = responseCharacters,
            Messages = capture ? request : [],
            Tools = capture && options?.Tools is { } tools ? [.. tools] : [],
        });
    }
}
