using System.Globalization;
using System.Text;

namespace Squad.Core.Tools;

/// <summary>Text as lines, and lines shown with their numbers (as <c>cat -n</c> does): what ranged reads and snippets print.</summary>
internal static class FileLines
{
    /// <summary>The lines of <paramref name="text"/>: split at '\n', a '\r' before it dropped, no empty last line for a final newline.</summary>
    public static List<string> Split(string text)
    {
        var lines = text.Split('\n').Select(l => l.EndsWith('\r') ? l[..^1] : l).ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    /// <summary>Lines <paramref name="first"/> to <paramref name="last"/> (1-based, inclusive), each after its number and a tab.</summary>
    public static string Numbered(IReadOnlyList<string> lines, int first, int last, int maxLineCharacters = int.MaxValue)
    {
        var text = new StringBuilder();
        for (var n = first; n <= last && n <= lines.Count; n++)
        {
            text.Append(n.ToString(CultureInfo.InvariantCulture).PadLeft(6)).Append('\t').Append(CappedOutput.Cap(lines[n - 1], maxLineCharacters)).Append('\n');
        }

        return text.ToString();
    }
}
