using System.Globalization;
using System.Text.Json;

namespace Squad.Core.Tools;

/// <summary>The arguments of one tool call, as the model sent them.</summary>
public sealed class ToolArguments(IDictionary<string, object?>? values)
{
    private readonly IDictionary<string, object?> values = values ?? new Dictionary<string, object?>();

    public string Required(string name)
        => Optional(name) ?? throw new ToolException($"missing argument '{name}'");

    public string? Optional(string name)
    {
        if (!values.TryGetValue(name, out var value) || value is null)
        {
            return null;
        }

        return value switch
        {
            string s => s,
            JsonElement { ValueKind: JsonValueKind.String } element => element.GetString(),
            JsonElement { ValueKind: JsonValueKind.Null } => null,
            JsonElement element => element.GetRawText(),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
    }

    /// <summary>A whole number of at least 1, or null when absent; anything else is refused with the argument's name.</summary>
    public int? OptionalPositive(string name)
    {
        var text = Optional(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1
            ? value
            : throw new ToolException($"argument '{name}' must be a whole number of at least 1, not '{CappedOutput.Cap(text, 40)}'");
    }

    /// <summary>
    /// A list of strings: a JSON array of strings (or a string holding one); any other single string is one item.
    /// Empty when absent.
    /// </summary>
    public IReadOnlyList<string> OptionalList(string name)
    {
        if (!values.TryGetValue(name, out var value) || value is null)
        {
            return [];
        }

        return value switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } element => [.. element.EnumerateArray().Select(Item)],
            IEnumerable<string> items when value is not string => [.. items],
            _ => Optional(name) is { } text ? FromText(text, name) : [],
        };
    }

    /// <summary>The arguments as JSON, for audit records.</summary>
    public string ToJson() => JsonSerializer.Serialize(
        values.ToDictionary(kv => kv.Key, kv => Optional(kv.Key)), ToolJsonContext.Default.DictionaryStringString);

    private static string Item(JsonElement element) => element.ValueKind == JsonValueKind.String ? element.GetString() ?? "" : element.GetRawText();

    private static List<string> FromText(string text, string name)
    {
        if (!text.TrimStart().StartsWith('['))
        {
            return [text];
        }

        try
        {
            return JsonSerializer.Deserialize(text, ToolJsonContext.Default.ListString) ?? [];
        }
        catch (JsonException)
        {
            throw new ToolException($"argument '{name}' must be a list of strings, such as [\"--filter\", \"Name\"]");
        }
    }
}
