using System.Text.Json;

namespace Squad.Core.Tools;

/// <summary>Builds the JSON schemas of tool arguments: objects of required and optional string properties.</summary>
internal static class ToolSchemas
{
    public static JsonElement Strings(IReadOnlyList<(string Name, string Description)> required, IReadOnlyList<(string Name, string Description)>? optional = null)
    {
        var properties = required.Concat(optional ?? []).Select(p =>
            $"\"{p.Name}\":{{\"type\":\"string\",\"description\":{JsonSerializer.Serialize(p.Description, ToolJsonContext.Default.String)}}}");
        var requiredNames = string.Join(',', required.Select(p => $"\"{p.Name}\""));
        var json = $"{{\"type\":\"object\",\"properties\":{{{string.Join(',', properties)}}},\"required\":[{requiredNames}],\"additionalProperties\":false}}";
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
