using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Squad.Core.Domain;

namespace Squad.Benchmark;

/// <summary>
/// Writes the scripted model's <c>scripted-responses.yaml</c> (format in <c>samples/scripted-model.md</c>):
/// one pass per role and issue. Strings and arguments are written as JSON, which YAML reads as it is.
/// </summary>
internal static class ScriptWriter
{
    private static readonly string[] Roles = [RoleNames.Qa, RoleNames.Developer, RoleNames.CodeReviewer, RoleNames.QaSpecialist];

    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(string path, IReadOnlyList<IssuePlan> issues, int callsPerRole)
    {
        var yaml = new StringBuilder("issues:\n");
        foreach (var issue in issues)
        {
            yaml.Append("  ").Append(Quote(issue.Identifier)).Append(":\n");
            foreach (var role in Roles)
            {
                yaml.Append("    ").Append(role).Append(":\n");
                var first = true;
                foreach (var turn in ScriptPlanner.Plan(issue, role, callsPerRole))
                {
                    // "      - - " opens the pass and its first turn; later turns are "        - ".
                    yaml.Append(first ? "      - - " : "        - ");
                    first = false;
                    AppendTurn(yaml, turn);
                }
            }
        }

        File.WriteAllText(path, yaml.ToString());
    }

    private static void AppendTurn(StringBuilder yaml, PlannedTurn turn)
    {
        if (turn.Tool is null)
        {
            yaml.Append("text: ").Append(Quote(turn.Text ?? "")).Append('\n');
            return;
        }

        yaml.Append("calls:\n");
        yaml.Append("            - tool: ").Append(turn.Tool).Append('\n');
        yaml.Append("              args: ").Append(Arguments(turn.Arguments)).Append('\n');
    }

    private static string Arguments(IReadOnlyList<KeyValuePair<string, string>> arguments)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Compact))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in arguments)
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Quote(string text)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Compact))
        {
            writer.WriteStringValue(text);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
