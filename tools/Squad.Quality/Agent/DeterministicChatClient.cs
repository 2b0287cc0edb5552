using Microsoft.Extensions.AI;
using Squad.Models;

namespace Squad.Quality.Agent;

/// <summary>
/// A model without a model: each request is answered by reading the conversation Squad sent (briefing and tool results)
/// and choosing the role's next tool call from it. Token counts are estimated as the scripted model does (four
/// characters a token), so the figures are reproducible.
/// </summary>
internal sealed class DeterministicChatClient(string issue, string role, AgentRecipe recipe, TimeProvider time, TextWriter? trace) : WholeResponseChatClient
{
    private readonly ChatClientMetadata metadata = new("deterministic", providerUri: null, defaultModelId: "deterministic");
    private int turn;

    protected override ChatClientMetadata Metadata => metadata;

    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        cancellationToken.ThrowIfCancellationRequested();
        var list = messages.ToList();
        var transcript = Transcript.Read(list);
        var move = role switch
        {
            "qa" => QaPolicy.Next(transcript, recipe),
            "developer" => DeveloperPolicy.Next(transcript, recipe),
            "code-reviewer" or "qa-specialist" => ReviewerPolicy.Next(transcript, runsTests: true),
            _ => AgentMove.Call("finish", $"The {role} role is not part of the quality suite.", ("summary", "Not handled.")),
        };
        var number = Interlocked.Increment(ref turn);
        if (trace is not null)
        {
            var previous = transcript.Last?.Result is { } result ? " ← " + string.Join(" ⏎ ", result.Split('\n').Take(6)) : "";
            trace.WriteLine($"{issue} {role} {number}:{previous}\n    → {move.Tool} {string.Join(' ', move.Arguments.Select(a => a.Key + "=" + a.Value.ReplaceLineEndings("⏎")))}");
        }

        var call = new FunctionCallContent($"call_{role}_{number}", move.Tool, move.Arguments.ToDictionary(a => a.Key, a => (object?)a.Value, StringComparer.Ordinal));
        var message = new ChatMessage(ChatRole.Assistant, [new TextContent(move.Thought), call]);
        var input = Estimate(list);
        var output = Estimate([message]);
        return Task.FromResult(new ChatResponse(message)
        {
            ModelId = "deterministic",
            CreatedAt = time.GetUtcNow(),
            FinishReason = ChatFinishReason.ToolCalls,
            Usage = new UsageDetails { InputTokenCount = input, OutputTokenCount = output, TotalTokenCount = input + output },
        });
    }

    private static long Estimate(IEnumerable<ChatMessage> messages)
    {
        long characters = 0;
        foreach (var content in messages.SelectMany(m => m.Contents))
        {
            characters += content switch
            {
                TextContent text => text.Text.Length,
                FunctionCallContent call => call.Name.Length + (call.Arguments?.Sum(a => a.Key.Length + (a.Value?.ToString()?.Length ?? 0) + 6) ?? 0),
                FunctionResultContent result => result.Result?.ToString()?.Length ?? 0,
                _ => 0,
            };
        }

        return (characters + 3) / 4;
    }
}
