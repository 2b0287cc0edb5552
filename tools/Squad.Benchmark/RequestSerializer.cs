using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Squad.Benchmark;

/// <summary>
/// A request as one deterministic text, in the order providers put a prompt together (and cache it):
/// the tool declarations, then each message in order (system, user, assistant, tool) with its text,
/// its tool calls (id, name, JSON arguments) and its tool results (id, text).
/// </summary>
internal static class RequestSerializer
{
    public static string Serialize(ModelCall call)
    {
        var text = new StringBuilder();
        foreach (var tool in call.Tools)
        {
            text.Append("[tool] ").Append(tool.Name).Append('\n').Append(tool.Description).Append('\n');
            if (tool is AIFunctionDeclaration declaration)
            {
                text.Append(declaration.JsonSchema.GetRawText()).Append('\n');
            }
        }

        foreach (var message in call.Messages)
        {
            text.Append('[').Append(message.Role.Value).Append("]\n");
            foreach (var content in message.Contents)
            {
                AppendContent(text, content);
            }
        }

        return text.ToString();
    }

    private static void AppendContent(StringBuilder text, AIContent content)
    {
        switch (content)
        {
            case TextContent plain:
                text.Append(plain.Text).Append('\n');
                break;
            case FunctionCallContent call:
                text.Append("[call ").Append(call.CallId).Append("] ").Append(call.Name).Append(' ').Append(Arguments(call.Arguments)).Append('\n');
                break;
            case FunctionResultContent result:
                text.Append("[result ").Append(result.CallId).Append("]\n").Append(result.Result?.ToString()).Append('\n');
                break;
            default:
                text.Append('[').Append(content.GetType().Name).Append("]\n");
                break;
        }
    }

    private static string Arguments(IDictionary<string, object?>? arguments)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in arguments ?? new Dictionary<string, object?>())
            {
                writer.WritePropertyName(key);
                switch (value)
                {
                    case null:
                        writer.WriteNullValue();
                        break;
                    case JsonElement element:
                        element.WriteTo(writer);
                        break;
                    default:
                        writer.WriteStringValue(value.ToString());
                        break;
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
