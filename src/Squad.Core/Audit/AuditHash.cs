using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Squad.Core.Audit;

/// <summary>
/// SHA-256 fingerprints of model requests and responses, over a canonical JSON form: compact, each
/// message as its role and contents in order, tool-call arguments and JSON values with their keys
/// sorted. The same conversation gives the same hash whatever the provider's wire format.
/// </summary>
internal static class AuditHash
{
    private static readonly JsonSerializerOptions Compact = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    /// <summary>The request: <c>{"messages":[...],"tools":[{"name","description","schema"}]}</c>.</summary>
    public static string OfRequest(IEnumerable<ChatMessage> messages, ChatOptions? options) => Hash(writer =>
    {
        writer.WriteStartObject();
        WriteMessages(writer, messages);
        writer.WriteStartArray("tools");
        foreach (var tool in options?.Tools ?? [])
        {
            writer.WriteStartObject();
            writer.WriteString("name", tool.Name);
            writer.WriteString("description", tool.Description);
            writer.WritePropertyName("schema");
            WriteElement(writer, tool is AIFunctionDeclaration declaration ? declaration.JsonSchema : default);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    /// <summary>The response: <c>{"messages":[...]}</c>.</summary>
    public static string OfResponse(ChatResponse response) => Hash(writer =>
    {
        writer.WriteStartObject();
        WriteMessages(writer, response.Messages);
        writer.WriteEndObject();
    });

    private static string Hash(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    private static void WriteMessages(Utf8JsonWriter writer, IEnumerable<ChatMessage> messages)
    {
        writer.WriteStartArray("messages");
        foreach (var message in messages)
        {
            writer.WriteStartObject();
            writer.WriteString("role", message.Role.Value);
            writer.WriteStartArray("contents");
            foreach (var content in message.Contents)
            {
                WriteContent(writer, content);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteContent(Utf8JsonWriter writer, AIContent content)
    {
        writer.WriteStartObject();
        switch (content)
        {
            case TextContent text:
                writer.WriteString("type", "text");
                writer.WriteString("text", text.Text);
                break;
            case TextReasoningContent reasoning:
                writer.WriteString("type", "reasoning");
                writer.WriteString("text", reasoning.Text);
                break;
            case FunctionCallContent call:
                WriteCall(writer, call);
                break;
            case FunctionResultContent result:
                writer.WriteString("type", "function_result");
                writer.WriteString("call_id", result.CallId);
                writer.WritePropertyName("result");
                WriteValue(writer, result.Result);
                break;
            default:
                writer.WriteString("type", content.GetType().Name);
                writer.WritePropertyName("value");
                WriteValue(writer, content);
                break;
        }

        writer.WriteEndObject();
    }

    private static void WriteCall(Utf8JsonWriter writer, FunctionCallContent call)
    {
        writer.WriteString("type", "function_call");
        writer.WriteString("call_id", call.CallId);
        writer.WriteString("name", call.Name);
        writer.WriteStartObject("arguments");
        foreach (var (name, value) in (call.Arguments ?? new Dictionary<string, object?>()).OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            writer.WritePropertyName(name);
            WriteValue(writer, value);
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case JsonElement element:
                WriteElement(writer, element);
                break;
            default:
                WriteElement(writer, Serialize(value));
                break;
        }
    }

    private static JsonElement Serialize(object value)
    {
        try
        {
            return JsonSerializer.SerializeToElement(value, Compact.GetTypeInfo(typeof(object)));
        }
        catch (NotSupportedException)
        {
            // A value JSON cannot describe still counts, by its text.
            return JsonSerializer.SerializeToElement(value.ToString() ?? "", Compact.GetTypeInfo(typeof(string)));
        }
    }

    private static void WriteElement(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Undefined:
                writer.WriteNullValue();
                break;
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    WriteElement(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteElement(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
