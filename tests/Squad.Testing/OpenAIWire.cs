using System.Text.Json.Nodes;

namespace Squad.Testing;

/// <summary>Bodies in OpenAI's chat completions wire format, for <see cref="LoopbackServer"/>.</summary>
public static class OpenAIWire
{
    /// <summary>A completion whose message calls tools: <c>finish_reason: tool_calls</c>.</summary>
    public static LoopbackResponse ToolCalls(params (string Id, string Name, string ArgumentsJson)[] calls)
    {
        var toolCalls = new JsonArray();
        foreach (var (id, name, arguments) in calls)
        {
            toolCalls.Add(new JsonObject
            {
                ["id"] = id,
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = name, ["arguments"] = arguments },
            });
        }

        return Completion(new JsonObject { ["role"] = "assistant", ["content"] = null, ["tool_calls"] = toolCalls }, "tool_calls");
    }

    /// <summary>A completion whose message is text: <c>finish_reason: stop</c>.</summary>
    public static LoopbackResponse Text(string text)
        => Completion(new JsonObject { ["role"] = "assistant", ["content"] = text }, "stop");

    /// <summary>An error body as OpenAI sends it.</summary>
    public static string ErrorBody(string message, string type = "server_error")
        => new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = type } }.ToJsonString();

    private static LoopbackResponse Completion(JsonObject message, string finishReason) => LoopbackResponse.Json(new JsonObject
    {
        ["id"] = "chatcmpl-test",
        ["object"] = "chat.completion",
        ["created"] = 1735689600,
        ["model"] = "gpt-test-2025-01-01",
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = finishReason }),
        ["usage"] = new JsonObject
        {
            ["prompt_tokens"] = 120,
            ["completion_tokens"] = 30,
            ["total_tokens"] = 150,
            ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = 100 },
        },
    }.ToJsonString());
}
