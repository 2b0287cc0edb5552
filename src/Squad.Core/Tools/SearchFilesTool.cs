using System.Text.Json;
using System.Text.RegularExpressions;

namespace Squad.Core.Tools;

internal sealed class SearchFilesTool : IAgentTool
{
    private const int MaxMatches = 200;

    /// <summary>The whole answer's budget; a note follows when it is spent.</summary>
    private const int MaxCharacters = 20_000;

    /// <summary>A matching line is cut after this many characters (then "…"): minified files have lines of megabytes.</summary>
    private const int MaxLineCharacters = 300;

    public string Name => ToolNames.SearchFiles;

    public string Description
        => $"Search the repository's text files for a regular expression; answers path:line: text (lines cut at {MaxLineCharacters} characters, files read up to {SafeFiles.MaxFileSize}).";

    public JsonElement Schema { get; } = ToolSchemas.Strings(
        [("pattern", "A .NET regular expression.")], [("path", "Folder relative to the repository root; default the root.")]);

    public async Task<string> InvokeAsync(ToolArguments arguments, ToolContext context, CancellationToken cancellationToken = default)
    {
        Regex regex;
        try
        {
            regex = new Regex(arguments.Required("pattern"), RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException ex)
        {
            throw new ToolException($"invalid pattern: {ex.Message}");
        }

        // Whole files are scanned first, lines only where the pattern matches: most files of a repository have no match.
        var whole = Prefilter(regex);
        var folder = SafeFiles.ResolveFolder(context.WorkspaceRoot, arguments.Optional("path") ?? ".");
        var output = new CappedOutput(MaxMatches, MaxCharacters);
        var cut = new int[1];
        try
        {
            foreach (var relative in RepositoryFiles.Enumerate(context.WorkspaceRoot, folder))
            {
                if (!await SearchFileAsync(context.WorkspaceRoot, relative, regex, whole, output, cut, cancellationToken))
                {
                    return output + CutNote(cut[0]) + $"\n[stopped at {output.Lines} matches ({MaxMatches} matches or {MaxCharacters} characters at most); narrow the pattern or the path]";
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            throw new ToolException("the pattern took too long to match: simplify it");
        }

        return output.Lines == 0 ? "no matches" : output + CutNote(cut[0]);
    }

    /// <summary>
    /// The pattern over a whole file with <c>^</c> and <c>$</c> at line ends: it matches wherever the pattern matches some
    /// line, since each line's match is the same text in the file. Not for patterns that look past a match (lookarounds,
    /// <c>\A</c>, <c>\z</c>, <c>\Z</c>, <c>\G</c>, inline options): those are matched line by line only.
    /// </summary>
    internal static Regex? Prefilter(Regex regex)
    {
        var pattern = regex.ToString();
        string[] beyond = ["(?", "\\A", "\\z", "\\Z", "\\G"];
        return beyond.Any(b => pattern.Contains(b, StringComparison.Ordinal)) ? null
            : new Regex(pattern, RegexOptions.Multiline, regex.MatchTimeout);
    }

    private static string CutNote(int lines)
        => lines == 0 ? "" : $"\n[{lines} matching line{(lines == 1 ? " was" : "s were")} cut at {MaxLineCharacters} characters (…); read_file with start and end shows a line whole]";

    /// <summary>False once the output is full; counts in <paramref name="cut"/> the matching lines shown cut.</summary>
    private static async Task<bool> SearchFileAsync(string root, string relative, Regex regex, Regex? whole, CappedOutput output, int[] cut, CancellationToken cancellationToken)
    {
        FileBytes file;
        try
        {
            // Opened like read_file opens: a link, FIFO or hard link swapped in since the listing is skipped, not read.
            file = await SafeFiles.ReadAsync(root, relative, SafeFiles.MaxFileBytes, cancellationToken);
        }
        catch (ToolException)
        {
            return true;
        }

        if (FileText.IsBinary(file.Bytes))
        {
            return true;
        }

        var text = FileText.Decode(file.Bytes);
        if (whole is not null && !whole.IsMatch(text))
        {
            return true;
        }

        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (!regex.IsMatch(lines[i]))
            {
                continue;
            }

            var line = lines[i].Trim();
            if (!output.TryAppend($"{relative}:{i + 1}: {CappedOutput.Cap(line, MaxLineCharacters)}"))
            {
                return false;
            }

            cut[0] += line.Length > MaxLineCharacters ? 1 : 0;
        }

        return true;
    }
}
