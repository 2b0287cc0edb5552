using System.Text.RegularExpressions;

namespace Squad.Local.Tracking;

/// <summary>
/// Replaces one top-level key of front matter YAML as text, so that the other keys, their
/// comments and their layout stay as the person wrote them.
/// </summary>
internal static class FrontMatterEditor
{
    /// <summary>Replaces the key's lines with <paramref name="rendered"/>, or appends it when the key is absent.</summary>
    /// <param name="yaml">The front matter YAML, each line with its ending.</param>
    /// <param name="key">The top-level key.</param>
    /// <param name="rendered">The key and its value as YAML (<c>state: done</c>).</param>
    /// <param name="newLine">The file's line ending.</param>
    public static string SetKey(string yaml, string key, string rendered, string newLine)
    {
        var lines = SplitLines(yaml);
        var replacement = string.Concat(
            rendered.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n').Select(line => line + newLine));
        var keyLine = new Regex($@"^{Regex.Escape(key)}\s*:(\s|$)", RegexOptions.CultureInvariant);
        var start = lines.FindIndex(line => keyLine.IsMatch(line));
        if (start < 0)
        {
            var prefix = yaml.Length == 0 || yaml.EndsWith('\n') ? yaml : yaml + newLine;
            return prefix + replacement;
        }

        var end = start + 1;
        while (end < lines.Count && IsValueContinuation(lines[end]))
        {
            end++;
        }

        while (end > start + 1 && IsBlankOrComment(lines[end - 1]))
        {
            end--;
        }

        return string.Concat(lines[..start]) + replacement + string.Concat(lines[end..]);
    }

    private static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var position = 0;
        while (position < text.Length)
        {
            var newline = text.IndexOf('\n', position);
            var end = newline < 0 ? text.Length : newline + 1;
            lines.Add(text[position..end]);
            position = end;
        }

        return lines;
    }

    /// <summary>Lines that still belong to the value of the key above: indented, list items, blanks, comments.</summary>
    private static bool IsValueContinuation(string line) =>
        line.Trim().Length == 0 || line[0] is ' ' or '\t' or '-' or '#';

    private static bool IsBlankOrComment(string line)
    {
        var trimmed = line.Trim();
        return trimmed.Length == 0 || trimmed.StartsWith('#');
    }
}
