using System.Text.RegularExpressions;

namespace Squad.Core.Agents;

/// <summary><c>{{name}}</c> placeholders in prompt templates.</summary>
public static partial class PromptTemplate
{
    public static IEnumerable<string> Placeholders(string template)
        => PlaceholderPattern().Matches(template).Select(m => m.Groups[1].Value).Distinct();

    public static string Render(string template, IReadOnlyDictionary<string, string> values)
        => PlaceholderPattern().Replace(template, m => values.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);

    [GeneratedRegex(@"\{\{\s*([a-z_]+)\s*\}\}")]
    private static partial Regex PlaceholderPattern();
}
