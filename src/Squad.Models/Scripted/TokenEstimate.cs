using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Squad.Models.Scripted;

/// <summary>
/// Token counts for scripted calls: one token per four characters of text, tool calls (name and JSON arguments)
/// and tool results (JSON), rounded up. Deterministic, so budgets and audits of scripted runs are reproducible.
/// </summary>
internal static class TokenEstimate
{
    // M.E.AI's defaults indent; whitespace a provider would never send must not count.
    private static readonly JsonSerializerOptions s_compact = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    public static long Of(IEnumerable<ChatMessage> messages)
    {
        long characters = 0;
        foreach (var message in messages)
        {
            foreach (var content in message.Contents)
            {
                characters += CharacterCount(content);
            }
        }

        return (characters + 3) / 4;
    }

    private static long CharacterCount(AIContent content) => content switch
    {
        TextContent text => text.Text.Length,
        TextReasoningContent reasoning => reasoning.Text.Length,
        FunctionCallContent call => call.Name.Length + Serialize(call.Arguments).Length,
        FunctionResultContent { Result: string result } => result.Length,
        FunctionResultContent result => Serialize(result.Result).Length,
        _ => 0,
    };

    private static string Serialize(object? value)
    {
        if (value is null)
        {
            return "null";
        }

        try
        {
            return JsonSerializer.Serialize(value, s_compact.GetTypeInfo(typeof(object)));
        }
        catch (NotSupportedException)
        {
            // A tool result of a type JSON cannot describe still counts, by its text.
            return value.ToString() ?? string.Empty;
        }
    }
}
