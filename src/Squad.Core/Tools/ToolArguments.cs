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

    /// <summary>The arguments as JSON, for audit records.</summary>
    public string ToJson() => JsonSerializer.Serialize(
        values.ToDictionary(kv => kv.Key, kv => Optional(kv.Key)), ToolJsonContext.Default.DictionaryStringString);
}
