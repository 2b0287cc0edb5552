using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Squad.Core;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Squad.Models.Scripted;

/// <summary>
/// Converts YAML written in a script to the JSON a model would send: mappings become objects, sequences arrays,
/// plain scalars follow the YAML 1.2 core schema (null, booleans, numbers), and every other scalar stays a string,
/// character for character.
/// </summary>
internal static partial class YamlJsonConverter
{
    // Anchors and aliases can build a node that contains itself; stop long before the stack does.
    private const int MaxDepth = 64;
    private const string StringTag = "tag:yaml.org,2002:str";

    public static JsonElement EmptyObject { get; } = Parse("{}"u8.ToArray());

    public static JsonElement ToJsonElement(YamlNode node, Func<YamlNode, string, SquadException> error)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, node, error, depth: 0);
        }

        return Parse(buffer.WrittenMemory);
    }

    public static bool IsNullLiteral(string? value) => value is null or "" or "~" or "null" or "Null" or "NULL";

    private static JsonElement Parse(ReadOnlyMemory<byte> json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static void Write(Utf8JsonWriter writer, YamlNode node, Func<YamlNode, string, SquadException> error, int depth)
    {
        if (depth > MaxDepth)
        {
            throw error(node, $"values nest deeper than {MaxDepth} levels");
        }

        switch (node)
        {
            case YamlMappingNode mapping:
                writer.WriteStartObject();
                foreach (var (key, value) in mapping.Children)
                {
                    writer.WritePropertyName(key is YamlScalarNode { Value: { } name } ? name : throw error(key, "a key must be a plain name"));
                    Write(writer, value, error, depth + 1);
                }

                writer.WriteEndObject();
                break;
            case YamlSequenceNode sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Children)
                {
                    Write(writer, item, error, depth + 1);
                }

                writer.WriteEndArray();
                break;
            case YamlScalarNode scalar:
                WriteScalar(writer, scalar);
                break;
            default:
                throw error(node, "unsupported YAML node");
        }
    }

    private static void WriteScalar(Utf8JsonWriter writer, YamlScalarNode scalar)
    {
        var value = scalar.Value ?? string.Empty;
        if (scalar.Style != ScalarStyle.Plain || (!scalar.Tag.IsEmpty && scalar.Tag.Value == StringTag))
        {
            writer.WriteStringValue(value);
        }
        else if (IsNullLiteral(value))
        {
            writer.WriteNullValue();
        }
        else if (value is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            writer.WriteBooleanValue(value[0] is 't' or 'T');
        }
        else if (JsonNumber().IsMatch(value))
        {
            // Already a JSON number: keep its text (1.0 stays 1.0).
            writer.WriteRawValue(value);
        }
        else if (YamlInteger().IsMatch(value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            writer.WriteNumberValue(integer);
        }
        else if (YamlFloat().IsMatch(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex JsonNumber();

    [GeneratedRegex(@"^[-+]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex YamlInteger();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex YamlFloat();
}
