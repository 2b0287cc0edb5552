using System.Globalization;
using System.Text;

namespace Squad.Core.Intake;

/// <summary>
/// Removes what a person reading an issue cannot see but a model would: HTML comments, invisible
/// and bidirectional-control characters, and control characters. Issue text is hostile data.
/// </summary>
public static class IssueSanitizer
{
    private const string CommentStart = "<!--";
    private const string CommentEnd = "-->";

    /// <summary>Returns the text without hidden content; newlines become <c>\n</c>, tabs are kept.</summary>
    /// <remarks>
    /// Invisible characters are removed before comments, so that a comment opener split by a
    /// zero-width character is still recognized and removed. An unterminated comment runs to the end.
    /// </remarks>
    public static string Sanitize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = text.ReplaceLineEndings("\n");
        return RemoveComments(RemoveInvisible(normalized));
    }

    private static string RemoveInvisible(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (!IsHidden(rune))
            {
                result.Append(rune.ToString());
            }
        }

        return result.ToString();
    }

    /// <summary>True for characters that render as nothing or reorder what is shown.</summary>
    private static bool IsHidden(Rune rune)
    {
        var value = rune.Value;
        return value switch
        {
            '\n' or '\t' => false,
            >= 0x200B and <= 0x200F => true, // zero-width space, non-joiner, joiner; LRM, RLM
            >= 0x202A and <= 0x202E => true, // bidirectional embeddings and overrides
            >= 0x2060 and <= 0x2064 => true, // word joiner, invisible operators
            >= 0x2066 and <= 0x2069 => true, // bidirectional isolates
            0x061C or 0xFEFF or 0x180E => true, // Arabic letter mark, BOM / zero-width no-break space, Mongolian vowel separator
            >= 0xE0000 and <= 0xE007F => true, // Unicode tag characters, used to smuggle invisible ASCII
            _ => Rune.GetUnicodeCategory(rune) == UnicodeCategory.Control,
        };
    }

    private static string RemoveComments(string text)
    {
        var result = new StringBuilder(text.Length);
        var position = 0;
        while (position < text.Length)
        {
            var start = text.IndexOf(CommentStart, position, StringComparison.Ordinal);
            if (start < 0)
            {
                result.Append(text, position, text.Length - position);
                break;
            }

            result.Append(text, position, start - position);
            var end = text.IndexOf(CommentEnd, start + CommentStart.Length, StringComparison.Ordinal);
            position = end < 0 ? text.Length : end + CommentEnd.Length;
        }

        return result.ToString();
    }
}
