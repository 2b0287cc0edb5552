using System.Text.Json.Nodes;

namespace Squad.Testing;

/// <summary>Bodies in Anthropic's messages wire format, for <see cref="LoopbackServer"/>.</summary>
public static class AnthropicWire
{
    /// <summary>A message with some text and one <c>tool_use</c> block: <c>stop_reason: tool_use</c>.</summary>
    public static LoopbackResponse ToolUse(string id, string name, string inputJson, string? text = null)
    {
        var content = new JsonArray();
        if (text is not null)
        {
            content.Add(new JsonObject { ["type"] = "text", ["text"] = text });
        }

        content.Add(new JsonObject { ["type"] = "tool_use", ["id"] = id, ["name"] = name, ["input"] = JsonNode.Parse(inputJson) });
        return Message(content, "tool_use");
    }

    /// <summary>A message of text only: <c>stop_reason: end_turn</c>.</summary>
    public static LoopbackResponse Text(string text)
        => Message(new JsonArray(new JsonObject { ["type"] = "text", ["text"] = text }), "end_turn");

    /// <summary>An error body as Anthropic sends it.</summary>
    public static string ErrorBody(string message, string type = "api_error") => new JsonObject
    {
        ["type"] = "error",
        ["error"] = new JsonObject { ["type"] = type, ["message"] = message },
    }.ToJsonString();

    private static LoopbackResponse Message(JsonArray content, string stopReason) => LoopbackResponse.Json(new JsonObject
    {
        ["id"] = "msg_test",
        ["type"] = "message",
        ["role"] = "assistant",
        ["model"] = "claude-test-20250101",
        ["content"] = content,
        ["stop_reason"] = stopReason,
        ["stop_sequence"] = null,
        ["usage"] = new JsonObject { ["input_tokens"] = 200, ["output_tokens"] = 40 },
    }.ToJsonString());
}
