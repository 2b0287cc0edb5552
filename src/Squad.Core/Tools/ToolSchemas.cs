using System.Text.Json;

namespace Squad.Core.Tools;

/// <summary>Builds the JSON schemas of tool arguments: objects of required and optional properties.</summary>
internal static class ToolSchemas
{
    public static JsonElement Strings(IReadOnlyList<(string Name, string Description)> required, IReadOnlyList<(string Name, string Description)>? optional = null)
        => Build(required, optional ?? [], [], []);

    /// <summary>With optional whole numbers (<c>integer</c>) and lists of strings (<c>array</c>) besides the strings.</summary>
    public static JsonElement Build(
        IReadOnlyList<(string Name, string Description)> required,
        IReadOnlyList<(string Name, string Description)> optional,
        IReadOnlyList<(string Name, string Description)> integers,
        IReadOnlyList<(string Name, string Description)> lists)
    {
        var properties = required.Concat(optional).Select(p => Property(p.Name, "{\"type\":\"string\"", p.Description))
            .Concat(integers.Select(p => Property(p.Name, "{\"type\":\"integer\",\"minimum\":1", p.Description)))
            .Concat(lists.Select(p => Property(p.Name, "{\"type\":\"array\",\"items\":{\"type\":\"string\"}", p.Description)));
        var requiredNames = string.Join(',', required.Select(p => $"\"{p.Name}\""));
        var json = $"{{\"type\":\"object\",\"properties\":{{{string.Join(',', properties)}}},\"required\":[{requiredNames}],\"additionalProperties\":false}}";
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static string Property(string name, string typeStart, string description)
        => $"\"{name}\":{typeStart},\"description\":{JsonSerializer.Serialize(description, ToolJsonContext.Default.String)}}}";
}
