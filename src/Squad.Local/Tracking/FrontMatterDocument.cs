namespace Squad.Local.Tracking;

/// <summary>
/// A Markdown file split at its YAML front matter. The parts concatenate back to the file
/// byte for byte, so an edit of the YAML leaves the body untouched.
/// </summary>
internal sealed record FrontMatterDocument
{
    private const string Fence = "---";

    /// <summary>The opening <c>---</c> line, with its line ending.</summary>
    public required string Opening { get; init; }

    /// <summary>The YAML between the fences; each line keeps its line ending.</summary>
    public required string Yaml { get; init; }

    /// <summary>The closing <c>---</c> (or <c>...</c>) line, with its line ending when it has one.</summary>
    public required string Closing { get; init; }

    /// <summary>Everything after the closing line: the issue description.</summary>
    public required string Body { get; init; }

    /// <summary>The line ending the file uses.</summary>
    public string NewLine => Opening.EndsWith("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";

    /// <summary>True when the text opens a front matter block, terminated or not.</summary>
    public static bool HasOpening(string text) => IsFence(text[..LineEnd(text, 0)], Fence);

    /// <summary>Splits the text, or returns null when it has no complete front matter block.</summary>
    public static FrontMatterDocument? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var openingEnd = LineEnd(text, 0);
        if (!IsFence(text[..openingEnd], Fence) || openingEnd == text.Length)
        {
            return null;
        }

        var position = openingEnd;
        while (position < text.Length)
        {
            var end = LineEnd(text, position);
            var line = text[position..end];
            if (IsFence(line, Fence) || IsFence(line, "..."))
            {
                return new FrontMatterDocument
                {
                    Opening = text[..openingEnd],
                    Yaml = text[openingEnd..position],
                    Closing = line,
                    Body = text[end..],
                };
            }

            position = end;
        }

        return null;
    }

    public string ToText() => Opening + Yaml + Closing + Body;

    private static int LineEnd(string text, int start)
    {
        var newline = text.IndexOf('\n', start);
        return newline < 0 ? text.Length : newline + 1;
    }

    private static bool IsFence(string line, string fence) =>
        string.Equals(line.TrimEnd(), fence, StringComparison.Ordinal);
}
