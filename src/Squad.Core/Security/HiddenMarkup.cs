using System.Text;
using System.Text.RegularExpressions;

namespace Squad.Core.Security;

/// <summary>
/// Markdown and HTML that GitHub, Linear or Slack render as nothing (or collapsed), but that a
/// model reads as text. Each removal leaves <c>marker</c> in its place (empty: nothing).
/// </summary>
internal static partial class HiddenMarkup
{
    private const string CommentStart = "<!--";
    private const string CommentEnd = "-->";
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    public static string Remove(string text, string marker = "")
    {
        var result = RemoveComments(text, marker);
        result = RemoveDetails(result, marker);
        result = RemoveHiddenElements(result, marker);
        result = ImageAlt().Replace(result, "![]");
        result = ImgTag().Replace(result, tag => ImgTextAttribute().Replace(tag.Value, ""));
        // Raw text (marked removals) is not rendered, and log lines such as "[INFO]: started" look like definitions.
        return marker.Length == 0 ? LinkDefinition().Replace(result, "") : result;
    }

    private static string RemoveComments(string text, string marker)
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

            result.Append(text, position, start - position).Append(marker);
            var end = text.IndexOf(CommentEnd, start + CommentStart.Length, StringComparison.Ordinal);
            position = end < 0 ? text.Length : end + CommentEnd.Length;
        }

        return result.ToString();
    }

    /// <summary>
    /// A <c>&lt;details&gt;</c> block shows only its summary until clicked: the summary's text stays,
    /// the collapsed body goes. Innermost blocks first; an unterminated block runs to the end.
    /// </summary>
    private static string RemoveDetails(string text, string marker)
    {
        string previous;
        do
        {
            previous = text;
            text = InnermostDetails().Replace(text, block =>
            {
                var summary = Summary().Match(block.Groups["body"].Value);
                return (summary.Success ? summary.Groups["text"].Value.Trim() + " " : "") + marker;
            });
        }
        while (!string.Equals(previous, text, StringComparison.Ordinal));

        var open = DetailsOpen().Match(text);
        return open.Success ? string.Concat(text.AsSpan(0, open.Index), marker) : text;
    }

    /// <summary>Elements with the <c>hidden</c> attribute or a style that hides them, with everything inside.</summary>
    private static string RemoveHiddenElements(string text, string marker)
    {
        var position = 0;
        var result = new StringBuilder(text.Length);
        for (var open = HiddenOpen().Match(text); open.Success; open = HiddenOpen().Match(text, position))
        {
            result.Append(text, position, open.Index - position).Append(marker);
            position = open.Value.EndsWith("/>", StringComparison.Ordinal) || IsVoid(open.Groups["tag"].Value)
                ? open.Index + open.Length
                : EndOfElement(text, open.Groups["tag"].Value, open.Index + open.Length);
        }

        return result.Append(text, position, text.Length - position).ToString();
    }

    /// <summary>The index after the tag that closes an element opened before <paramref name="from"/>, counting nested ones.</summary>
    private static int EndOfElement(string text, string tag, int from)
    {
        var depth = 1;
        var tags = new Regex($@"<(?<close>/)?{Regex.Escape(tag)}\b[^>]*>", Options, TimeSpan.FromSeconds(1));
        for (var match = tags.Match(text, from); match.Success; match = match.NextMatch())
        {
            depth += match.Groups["close"].Success ? -1 : match.Value.EndsWith("/>", StringComparison.Ordinal) ? 0 : 1;
            if (depth == 0)
            {
                return match.Index + match.Length;
            }
        }

        return text.Length;
    }

    private static bool IsVoid(string tag)
        => tag.ToUpperInvariant() is "INPUT" or "IMG" or "BR" or "HR" or "META" or "LINK" or "SOURCE" or "AREA" or "WBR";

    [GeneratedRegex(@"<details\b[^>]*>(?<body>(?:(?!<details\b)[\s\S])*?)</details\s*>", Options)]
    private static partial Regex InnermostDetails();

    [GeneratedRegex(@"<details\b[^>]*>", Options)]
    private static partial Regex DetailsOpen();

    [GeneratedRegex(@"<summary\b[^>]*>(?<text>[\s\S]*?)</summary\s*>", Options)]
    private static partial Regex Summary();

    [GeneratedRegex(@"<(?<tag>[a-z][a-z0-9-]*)\b(?=[^>]*?(?:\shidden(?=[\s=/>])|display\s*:\s*none|visibility\s*:\s*hidden))[^>]*>", Options)]
    private static partial Regex HiddenOpen();

    // ![alt](url) and ![alt][ref]: the alt text is shown only when the image fails to load.
    [GeneratedRegex(@"!\[[^\]\n]*\](?=[\(\[])", Options)]
    private static partial Regex ImageAlt();

    [GeneratedRegex(@"<img\b[^>]*>", Options)]
    private static partial Regex ImgTag();

    [GeneratedRegex(@"\s(?:alt|title)\s*=\s*(?:""[^""]*""|'[^']*'|[^\s>]+)", Options)]
    private static partial Regex ImgTextAttribute();

    // [label]: target, [//]: # (note): Markdown link reference definitions render as nothing.
    [GeneratedRegex(@"^ {0,3}\[[^\]\n]+\]:[ \t]*\S[^\n]*$", Options | RegexOptions.Multiline)]
    private static partial Regex LinkDefinition();
}
