using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using AIChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AIFinishReason = Microsoft.Extensions.AI.ChatFinishReason;
using OpenAIFinishReason = OpenAI.Chat.ChatFinishReason;

namespace Squad.Models.OpenAI;

/// <summary>Turns a chat completion into a Microsoft.Extensions.AI response: text, tool calls, finish reason, usage, model.</summary>
internal static class OpenAIResponseMapper
{
    public static ChatResponse ToResponse(ChatCompletion completion)
    {
        var finishReason = FinishReasonOf(completion);
        var contents = new List<AIContent>();
        contents.AddRange(completion.Content.Where(p => p.Kind == ChatMessageContentPartKind.Text).Select(p => new TextContent(p.Text)));
        if (completion.Refusal is { Length: > 0 } refusal)
        {
            contents.Add(new TextContent(refusal));
        }

        contents.AddRange(completion.ToolCalls.Select(ToFunctionCall));
        return new ChatResponse(new AIChatMessage(ChatRole.Assistant, contents) { MessageId = completion.Id })
        {
            ResponseId = completion.Id,
            ModelId = completion.Model,
            CreatedAt = completion.CreatedAt,
            FinishReason = finishReason,
            Usage = completion.Usage is { } usage
                ? new UsageDetails { InputTokenCount = usage.InputTokenCount, OutputTokenCount = usage.OutputTokenCount, TotalTokenCount = usage.TotalTokenCount }
                : null,
            RawRepresentation = completion,
        };
    }

    private static AIFinishReason? FinishReasonOf(ChatCompletion completion)
    {
        OpenAIFinishReason reason;
        try
        {
            reason = completion.FinishReason;
        }
        catch (ArgumentOutOfRangeException ex)
        {
            // The SDK reads the first choice; a body without one is not a completion.
            throw new MalformedResponseException("the completion has no choices", ex);
        }

        return reason switch
        {
            OpenAIFinishReason.Stop => AIFinishReason.Stop,
            OpenAIFinishReason.Length => AIFinishReason.Length,
            OpenAIFinishReason.ToolCalls or OpenAIFinishReason.FunctionCall => AIFinishReason.ToolCalls,
            OpenAIFinishReason.ContentFilter => AIFinishReason.ContentFilter,
            _ => null,
        };
    }

    // Arguments the model got wrong stay on the call (as its Exception), so the tool says so to the model.
    private static FunctionCallContent ToFunctionCall(ChatToolCall call)
        => FunctionCallContent.CreateFromParsedArguments(
            call.FunctionArguments.ToString(),
            call.Id,
            call.FunctionName,
            json => (IDictionary<string, object?>?)JsonSerializer.Deserialize(json, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>))));
}
