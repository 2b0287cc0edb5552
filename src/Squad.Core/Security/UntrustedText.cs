using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Squad.Core.Security;

/// <summary>
/// The one entry point for text Squad did not write (issues, pull request threads, error events,
/// agents' output) on its way into a prompt: removes what a person reading it cannot see but a
/// model would, and makes the short fields that sit outside fenced blocks single-line.
/// </summary>
public static class UntrustedText
{
    /// <summary>How long a single-line field (an issue title, an author) may be in a prompt.</summary>
    public const int MaxLineLength = 200;

    /// <summary>What <see cref="Sanitize(string, string)"/> leaves in raw text where hidden markup was.</summary>
    public const string HiddenMarker = "[hidden content removed]";

    /// <summary>
    /// Returns the text without hidden content: invisible, bidirectional-control, tag and control
    /// characters (newlines and tabs are kept, line endings become <c>\n</c>), HTML comments, the
    /// collapsed body of <c>&lt;details&gt;</c> (its <c>&lt;summary&gt;</c> stays), image alt text,
    /// elements marked <c>hidden</c> or styled <c>display:none</c>, and Markdown link reference
    /// definitions (which render as nothing).
    /// </summary>
    /// <remarks>
    /// Invisible characters go first, so that markup split by a zero-width character is still
    /// recognized. An unterminated comment or hidden element runs to the end of the text.
    /// </remarks>
    public static string Sanitize(string text) => Sanitize(text, "");

    /// <summary>
    /// Like <see cref="Sanitize(string)"/>, but leaves <paramref name="marker"/> where hidden markup
    /// was, for raw text (a diff, command output) whose reader should know that something was there.
    /// Raw text is not rendered, so lines that look like Markdown link reference definitions stay.
    /// </summary>
    public static string Sanitize(string text, string marker)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(marker);
        return HiddenMarkup.Remove(RemoveInvisible(text.ReplaceLineEndings("\n")), marker);
    }

    /// <summary>
    /// Sanitizes <paramref name="text"/> and makes it one line of at most <paramref name="maxLength"/>
    /// characters: line breaks, tabs and runs of white space become one space.
    /// </summary>
    public static string SingleLine(string text, int maxLength = MaxLineLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        var line = new StringBuilder();
        foreach (var c in Sanitize(text))
        {
            var blank = char.IsWhiteSpace(c) || char.IsControl(c);
            if (!blank)
            {
                line.Append(c);
            }
            else if (line.Length > 0 && line[^1] != ' ')
            {
                line.Append(' ');
            }
        }

        var result = line.ToString().Trim();
        if (result.Length <= maxLength)
        {
            return result;
        }

        // Never cut a surrogate pair in half.
        var cut = char.IsHighSurrogate(result[maxLength - 1]) ? maxLength - 1 : maxLength;
        return string.Concat(result.AsSpan(0, cut), "…");
    }

    /// <summary>
    /// Removes only the characters that render as nothing or reorder what is shown, and control
    /// characters other than newline and tab. For text whose markup must stay as it is, such as a file's content.
    /// </summary>
    public static string RemoveInvisible(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        // Most text is printable ASCII, new lines and tabs, none of it hidden: a vectorized scan finds where anything
        // else starts, and only from there is the text read rune by rune.
        var first = text.AsSpan().IndexOfAnyExcept(PlainCharacters);
        if (first < 0)
        {
            return text;
        }

        var result = new StringBuilder(text.Length).Append(text, 0, first);
        Span<char> encoded = stackalloc char[2];
        foreach (var rune in text.AsSpan(first).EnumerateRunes())
        {
            if (!IsHidden(rune))
            {
                result.Append(encoded[..rune.EncodeToUtf16(encoded)]);
            }
        }

        return result.ToString();
    }

    /// <summary>Printable ASCII, the new line and the tab: characters <see cref="IsHidden"/> never removes.</summary>
    private static readonly System.Buffers.SearchValues<char> PlainCharacters =
        System.Buffers.SearchValues.Create([.. Enumerable.Range(0x20, 0x7F - 0x20).Select(c => (char)c), '\n', '\t']);

    /// <summary>A fresh random fence id: 128 bits as 32 lowercase hex digits.</summary>
    public static string NewNonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>True for characters that render as nothing or reorder what is shown.</summary>
    private static bool IsHidden(Rune rune)
    {
        var value = rune.Value;
        return value switch
        {
            '\n' or '\t' => false,
            0x00AD => true, // soft hyphen
            0x034F => true, // combining grapheme joiner
            >= 0x115F and <= 0x1160 => true, // Hangul fillers
            >= 0x180B and <= 0x180F => true, // Mongolian variation selectors and vowel separator
            >= 0x200B and <= 0x200F => true, // zero-width space, non-joiner, joiner; LRM, RLM
            >= 0x202A and <= 0x202E => true, // bidirectional embeddings and overrides
            >= 0x2060 and <= 0x2064 => true, // word joiner, invisible operators
            >= 0x2066 and <= 0x206F => true, // bidirectional isolates, deprecated format characters
            0x3164 or 0xFFA0 => true, // Hangul fillers
            >= 0xFE00 and <= 0xFE0F => true, // variation selectors, used to smuggle bytes
            0x061C or 0xFEFF => true, // Arabic letter mark, BOM / zero-width no-break space
            >= 0xFFF9 and <= 0xFFFB => true, // interlinear annotation controls
            >= 0xE0000 and <= 0xE007F => true, // Unicode tag characters, used to smuggle invisible ASCII
            >= 0xE0100 and <= 0xE01EF => true, // variation selectors supplement, used to smuggle bytes
            _ => Rune.GetUnicodeCategory(rune) == UnicodeCategory.Control,
        };
    }
}
