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

    private static readonly Func<string, string> Unchanged = text => text;

    /// <summary>The request: <c>{"messages":[...],"tools":[{"name","description","schema"}]}</c>.</summary>
    public static string OfRequest(IEnumerable<ChatMessage> messages, ChatOptions? options)
        => Sha256(Request([.. messages.Select(m => Message(m, Unchanged))], Tools(options)));

    /// <summary>The response: <c>{"messages":[...]}</c>.</summary>
    public static string OfResponse(ChatResponse response)
        => Sha256(Response([.. response.Messages.Select(m => Message(m, Unchanged))]));

    /// <summary>Hex SHA-256, lower case: how the audit trail names requests, responses and the pieces of trajectories.</summary>
    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The canonical JSON of one message, every text in it passed through <paramref name="redact"/> first.</summary>
    public static byte[] Message(ChatMessage message, Func<string, string> redact) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("role", message.Role.Value);
        writer.WriteStartArray("contents");
        foreach (var content in message.Contents)
        {
            WriteContent(writer, content, redact);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    /// <summary>The canonical JSON array of the tools offered.</summary>
    public static byte[] Tools(ChatOptions? options) => Write(writer =>
    {
        writer.WriteStartArray();
        foreach (var tool in options?.Tools ?? [])
        {
            writer.WriteStartObject();
            writer.WriteString("name", tool.Name);
            writer.WriteString("description", tool.Description);
            writer.WritePropertyName("schema");
            WriteElement(writer, tool is AIFunctionDeclaration declaration ? declaration.JsonSchema : default, Unchanged);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    });

    /// <summary>
    /// The canonical request from its pieces: compact JSON written whole is the same bytes as its pieces joined, so the
    /// pieces of a trajectory, stored apart, hash together to the audit record's request hash.
    /// </summary>
    public static byte[] Request(IReadOnlyList<byte[]> messages, byte[] tools)
        => [.. "{\"messages\":["u8, .. Join(messages), .. "],\"tools\":"u8, .. tools, .. "}"u8];

    /// <summary>The canonical response from its messages.</summary>
    public static byte[] Response(IReadOnlyList<byte[]> messages) => [.. "{\"messages\":["u8, .. Join(messages), .. "]}"u8];

    private static byte[] Join(IReadOnlyList<byte[]> pieces)
    {
        var joined = new byte[pieces.Sum(p => p.Length) + Math.Max(0, pieces.Count - 1)];
        var at = 0;
        for (var i = 0; i < pieces.Count; i++)
        {
            if (i > 0)
            {
                joined[at++] = (byte)',';
            }

            pieces[i].CopyTo(joined, at);
            at += pieces[i].Length;
        }

        return joined;
    }

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteContent(Utf8JsonWriter writer, AIContent content, Func<string, string> redact)
    {
        writer.WriteStartObject();
        switch (content)
        {
            case TextContent text:
                writer.WriteString("type", "text");
                writer.WriteString("text", redact(text.Text));
                break;
            case TextReasoningContent reasoning:
                writer.WriteString("type", "reasoning");
                writer.WriteString("text", redact(reasoning.Text));
                break;
            case FunctionCallContent call:
                WriteCall(writer, call, redact);
                break;
            case FunctionResultContent result:
                writer.WriteString("type", "function_result");
                writer.WriteString("call_id", result.CallId);
                writer.WritePropertyName("result");
                WriteValue(writer, result.Result, redact);
                break;
            default:
                writer.WriteString("type", content.GetType().Name);
                writer.WritePropertyName("value");
                WriteValue(writer, content, redact);
                break;
        }

        writer.WriteEndObject();
    }

    private static void WriteCall(Utf8JsonWriter writer, FunctionCallContent call, Func<string, string> redact)
    {
        writer.WriteString("type", "function_call");
        writer.WriteString("call_id", call.CallId);
        writer.WriteString("name", call.Name);
        writer.WriteStartObject("arguments");
        foreach (var (name, value) in (call.Arguments ?? new Dictionary<string, object?>()).OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            writer.WritePropertyName(name);
            WriteValue(writer, value, redact);
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value, Func<string, string> redact)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(redact(text));
                break;
            case JsonElement element:
                WriteElement(writer, element, redact);
                break;
            default:
                WriteElement(writer, Serialize(value), redact);
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

    private static void WriteElement(Utf8JsonWriter writer, JsonElement element, Func<string, string> redact)
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
                    WriteElement(writer, property.Value, redact);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteElement(writer, item, redact);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(redact(element.GetString() ?? ""));
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
