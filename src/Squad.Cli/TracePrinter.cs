using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Squad.Cli;

/// <summary>Prints recorded passes: readable text, or JSON holding each message in the audit trail's canonical form.</summary>
internal static class TracePrinter
{
    private static readonly JsonWriterOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };

    public static string Text(string issue, string runId, IReadOnlyList<TracePass> passes)
    {
        var text = new StringBuilder($"Trace of {issue}, run {runId}: {passes.Count} pass(es), every message checked against the audit trail's hashes.\n");
        foreach (var pass in passes)
        {
            text.Append($"\n=== {pass.Role} pass {pass.Pass} · {pass.Calls} model call(s) ===\n");
            foreach (var message in pass.Conversation)
            {
                AppendMessage(text, message);
            }
        }

        return text.ToString();
    }

    public static string Json(string issue, string runId, IReadOnlyList<TracePass> passes)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Readable))
        {
            writer.WriteStartObject();
            writer.WriteString("issue", issue);
            writer.WriteString("run", runId);
            writer.WriteBoolean("verified", true);
            writer.WriteStartArray("passes");
            foreach (var pass in passes)
            {
                writer.WriteStartObject();
                writer.WriteString("role", pass.Role);
                writer.WriteNumber("pass", pass.Pass);
                writer.WriteNumber("modelCalls", pass.Calls);
                writer.WriteStartArray("messages");
                foreach (var message in pass.Conversation)
                {
                    message.WriteTo(writer);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    private static void AppendMessage(StringBuilder text, JsonElement message)
    {
        text.Append($"--- {message.GetProperty("role").GetString()} ---\n");
        foreach (var content in message.GetProperty("contents").EnumerateArray())
        {
            var type = content.GetProperty("type").GetString();
            var line = type switch
            {
                "text" or "reasoning" => content.GetProperty("text").GetString(),
                "function_call" => $"→ {content.GetProperty("name").GetString()} {Compact(content.GetProperty("arguments"))}  [{content.GetProperty("call_id").GetString()}]",
                "function_result" => $"← [{content.GetProperty("call_id").GetString()}] {ResultText(content.GetProperty("result"))}",
                _ => $"({type}) {Compact(content)}",
            };
            text.Append(line).Append('\n');
        }
    }

    private static string ResultText(JsonElement result) => result.ValueKind == JsonValueKind.String ? result.GetString() ?? "" : Compact(result);

    private static string Compact(JsonElement element)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            element.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
