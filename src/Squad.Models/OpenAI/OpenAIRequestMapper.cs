using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using AIChatMessage = Microsoft.Extensions.AI.ChatMessage;
using OpenAIChatMessage = OpenAI.Chat.ChatMessage;

namespace Squad.Models.OpenAI;

/// <summary>Turns a Microsoft.Extensions.AI conversation and options into a chat completions request.</summary>
internal static class OpenAIRequestMapper
{
    public static List<OpenAIChatMessage> ToMessages(IEnumerable<AIChatMessage> messages)
    {
        var result = new List<OpenAIChatMessage>();
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.System)
            {
                result.Add(new SystemChatMessage(message.Text));
            }
            else if (message.Role == ChatRole.User)
            {
                result.Add(new UserChatMessage(message.Text));
            }
            else if (message.Role == ChatRole.Assistant)
            {
                result.Add(ToAssistantMessage(message));
            }
            else if (message.Role == ChatRole.Tool)
            {
                result.AddRange(message.Contents.OfType<FunctionResultContent>().Select(r => new ToolChatMessage(r.CallId, ResultText(r.Result))));
            }
            else
            {
                throw new ArgumentException($"messages: role '{message.Role}' has no chat completions equivalent", nameof(messages));
            }
        }

        return result;
    }

    public static ChatCompletionOptions ToOptions(ChatOptions? options)
    {
        var result = new ChatCompletionOptions();
        if (options is null)
        {
            return result;
        }

        foreach (var function in options.Tools?.OfType<AIFunctionDeclaration>() ?? [])
        {
            result.Tools.Add(ChatTool.CreateFunctionTool(function.Name, function.Description, BinaryData.FromString(function.JsonSchema.GetRawText())));
        }

        result.MaxOutputTokenCount = options.MaxOutputTokens;
        result.Temperature = options.Temperature;
        result.TopP = options.TopP;
        result.ToolChoice = options.ToolMode switch
        {
            RequiredChatToolMode => ChatToolChoice.CreateRequiredChoice(),
            NoneChatToolMode => ChatToolChoice.CreateNoneChoice(),
            _ => null,
        };
        return result;
    }

    private static AssistantChatMessage ToAssistantMessage(AIChatMessage message)
    {
        var calls = message.Contents.OfType<FunctionCallContent>()
            .Select(c => ChatToolCall.CreateFunctionToolCall(c.CallId, c.Name, BinaryData.FromString(ArgumentsJson(c.Arguments))))
            .ToList();
        if (calls.Count == 0)
        {
            return new AssistantChatMessage(message.Text);
        }

        var assistant = new AssistantChatMessage(calls);
        if (message.Text is { Length: > 0 } text)
        {
            assistant.Content.Add(ChatMessageContentPart.CreateTextPart(text));
        }

        return assistant;
    }

    private static string ArgumentsJson(IDictionary<string, object?>? arguments)
        => arguments is null ? "{}" : JsonSerializer.Serialize(arguments, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>)));

    private static string ResultText(object? result) => result switch
    {
        null => "",
        string text => text,
        _ => JsonSerializer.Serialize(result, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(object))),
    };
}
