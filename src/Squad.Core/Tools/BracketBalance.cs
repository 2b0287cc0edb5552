namespace Squad.Core.Tools;

/// <summary>
/// A syntax check for C-like languages without a parser at hand: brackets balanced outside strings and comments. It
/// knows <c>//</c> and <c>/* */</c> comments and '...', "..." and `...` strings; a regular expression literal holding
/// a bracket can fool it, which is why an edit is refused only when it breaks a file that was balanced before.
/// </summary>
internal static class BracketBalance
{
    /// <summary>Null when balanced; otherwise the first problem, with its line.</summary>
    public static string? Check(string text, bool singleQuoteStrings)
    {
        var open = new Stack<(char Bracket, int Line)>();
        var line = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            switch (c)
            {
                case '\n':
                    line++;
                    break;
                case '/' when next == '/':
                    i = Skip(text, i, "\n") - 1;
                    break;
                case '/' when next == '*':
                    var close = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                    if (close < 0)
                    {
                        return $"line {line}: a /* comment is never closed";
                    }

                    line += Lines(text, i, close);
                    i = close + 1;
                    break;
                case '"' or '`' or '\'' when c != '\'' || singleQuoteStrings:
                    var end = StringEnd(text, i, c);
                    if (end < 0)
                    {
                        return $"line {line}: a string opened with {c} is never closed";
                    }

                    line += Lines(text, i, end);
                    i = end;
                    break;
                case '(' or '[' or '{':
                    open.Push((c, line));
                    break;
                case ')' or ']' or '}':
                    if (open.Count == 0)
                    {
                        return $"line {line}: '{c}' closes nothing";
                    }

                    var (bracket, at) = open.Pop();
                    if (Closing(bracket) != c)
                    {
                        return $"line {line}: '{c}' does not close the '{bracket}' of line {at}";
                    }

                    break;
            }
        }

        return open.Count == 0 ? null : $"the '{open.Peek().Bracket}' of line {open.Peek().Line} is never closed";
    }

    private static char Closing(char bracket) => bracket switch { '(' => ')', '[' => ']', _ => '}' };

    private static int Skip(string text, int from, string until)
    {
        var at = text.IndexOf(until, from, StringComparison.Ordinal);
        return at < 0 ? text.Length : at;
    }

    /// <summary>The index of the quote closing the string at <paramref name="start"/>, or -1; "..." and '...' end at the line.</summary>
    private static int StringEnd(string text, int start, char quote)
    {
        for (var i = start + 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == quote)
            {
                return i;
            }
            else if (text[i] == '\n' && quote != '`')
            {
                return -1;
            }
        }

        return -1;
    }

    private static int Lines(string text, int from, int to) => text.AsSpan(from, to - from).Count('\n');
}
