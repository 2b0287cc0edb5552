using System.Text.Json;
using System.Text.RegularExpressions;
using Squad.Core.Orchestration;

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
        // A pattern that is a plain literal is first looked for in the file's bytes: no decoding of files without it.
        var whole = Prefilter(regex);
        var literal = LiteralBytes(regex);
        var output = new CappedOutput(MaxMatches, MaxCharacters);
        var cut = new int[1];
        var matchers = new Matchers(regex, whole, literal);
        var stopped = () => output + CutNote(cut[0]) + $"\n[stopped at {output.Lines} matches ({MaxMatches} matches or {MaxCharacters} characters at most); narrow the pattern or the path]";
        try
        {
            if (context.Commit is { } commit)
            {
                // A commit's files come from its blobs, most of them kept in memory already (the same base for every squad).
                var files = await commit.FilesAsync(await commit.FolderAsync(arguments.Optional("path") ?? ".", cancellationToken), cancellationToken);
                var contents = await commit.ReadBlobsAsync(files, cancellationToken);
                using var reused = new Buffers();
                for (var i = 0; i < files.Count; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (contents[i] is { } bytes && !Match(files[i].Path, bytes, matchers, reused, output, cut))
                    {
                        return stopped();
                    }
                }

                return output.Lines == 0 ? "no matches" : output + CutNote(cut[0]);
            }

            var folder = SafeFiles.ResolveFolder(context.WorkspaceRoot, arguments.Optional("path") ?? ".");
            using var rootHandle = SafeFiles.OpenRootForReads(context.WorkspaceRoot);
            using var buffers = new Buffers
            {
                Root = rootHandle,
                Stamps = rootHandle is not null && OperatingSystem.IsLinux()
                    && TreeStamps.TryStamp((int)rootHandle.DangerousGetHandle(), ".", out var rootStamp) && KnownContents.Covers(rootStamp.Device),
            };
            foreach (var relative in RepositoryFiles.Enumerate(context.WorkspaceRoot, folder))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!SearchFile(context.WorkspaceRoot, relative, matchers, buffers, output, cut))
                {
                    return stopped();
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

    /// <summary>
    /// The pattern's text when it matches only itself (no metacharacter but escaped ones), as UTF-8: a file whose bytes do
    /// not hold it has no matching line. Null for any other pattern.
    /// </summary>
    internal static byte[]? LiteralBytes(Regex regex)
    {
        var pattern = regex.ToString();
        string text;
        try
        {
            text = Regex.Unescape(pattern);
        }
        catch (ArgumentException)
        {
            return null;
        }

        return text.Length > 0 && Regex.Escape(text) == pattern ? System.Text.Encoding.UTF8.GetBytes(text) : null;
    }

    /// <summary>False once the output is full; counts in <paramref name="cut"/> the matching lines shown cut.</summary>
    private static bool SearchFile(string root, string relative, Matchers matchers, Buffers buffers, CappedOutput output, int[] cut)
    {
        ReadOnlySpan<byte> bytes;
        try
        {
            bytes = Read(root, relative, buffers);
        }
        catch (ToolException)
        {
            return true;
        }

        return Match(relative, bytes, matchers, buffers, output, cut);
    }

    /// <summary>False once the output is full; counts in <paramref name="cut"/> the matching lines shown cut.</summary>
    private static bool Match(string relative, ReadOnlySpan<byte> bytes, Matchers matchers, Buffers buffers, CappedOutput output, int[] cut)
    {
        var (regex, whole, literal) = matchers;
        if (literal is not null && bytes.IndexOf(literal) < 0)
        {
            return true;
        }

        if (FileText.IsBinary(bytes))
        {
            return true;
        }

        // Most files hold no match: they are decoded into a buffer and matched there; strings are made only for the lines shown.
        var count = FileText.DecodeInto(bytes, ref buffers.Characters);
        var text = buffers.Characters.AsSpan(0, count);
        foreach (var (number, start, length) in MatchingLines(text, regex, whole, MaxMatches - output.Lines + 1))
        {
            var line = new string(text.Slice(start, length).Trim());
            if (!output.TryAppend($"{relative}:{number}: {CappedOutput.Cap(line, MaxLineCharacters)}"))
            {
                return false;
            }

            cut[0] += line.Length > MaxLineCharacters ? 1 : 0;
        }

        return true;
    }

    /// <summary>
    /// The lines of <paramref name="text"/> (split at <c>\n</c>, each without it) that <paramref name="regex"/> matches, in
    /// order, at most <paramref name="most"/>: their numbers from 1, starts and lengths. With <paramref name="whole"/> (see
    /// <see cref="Prefilter"/>) only the lines a match of it touches are tried, the scan going on from the line after: a
    /// line with a match holds the start of a whole-text match or lies within one that began before it, so none is missed.
    /// Without it, every line is tried.
    /// </summary>
    internal static List<(int Number, int Start, int Length)> MatchingLines(ReadOnlySpan<char> text, Regex regex, Regex? whole, int most)
    {
        var found = new List<(int Number, int Start, int Length)>();
        var (position, number) = (0, 1);
        while (position <= text.Length && found.Count < most)
        {
            // The lines to try: from the one starting at first through the one holding last.
            var (first, last) = (position, position);
            if (whole is not null)
            {
                var matches = whole.EnumerateMatches(text, position);
                if (!matches.MoveNext())
                {
                    break;
                }

                var match = matches.Current;
                first = position + text[position..match.Index].LastIndexOf('\n') + 1;
                last = match.Index + Math.Max(match.Length - 1, 0);
                number += text[position..first].Count('\n');
            }

            var start = first;
            do
            {
                var newline = text[start..].IndexOf('\n');
                var length = newline < 0 ? text.Length - start : newline;
                if (regex.IsMatch(text.Slice(start, length)))
                {
                    found.Add((number, start, length));
                }

                (start, number) = (start + length + 1, number + 1);
            }
            while (start <= last && start <= text.Length && found.Count < most);
            position = start;
        }

        return found;
    }

    /// <summary>
    /// The file's bytes: a blob Squad wrote there and nothing changed since, from memory (<see cref="KnownContents"/>);
    /// else read, opened like read_file opens: a link, FIFO or hard link swapped in since the listing is skipped, not read.
    /// </summary>
    private static ReadOnlySpan<byte> Read(string root, string relative, Buffers buffers)
    {
        if (buffers.Root is null)
        {
            return buffers.Bytes.AsSpan(0, SafeFiles.ReadInto(root, relative, ref buffers.Bytes, null, SafeFiles.MaxFileBytes));
        }

        var name = relative[(relative.LastIndexOf('/') + 1)..];
        var folder = buffers.FolderOf(relative);
        FileStamp stamp = default;
        var stamped = buffers.Stamps && OperatingSystem.IsLinux() && TreeStamps.TryStamp((int)folder.DangerousGetHandle(), name, out stamp);
        if (stamped && KnownContents.Find(stamp) is { } known)
        {
            return known;
        }

        var length = SafeFiles.ReadInto(root, name, ref buffers.Bytes, folder, SafeFiles.MaxFileBytes);
        if (stamped && length <= KnownContents.MaxFileBytes)
        {
            KnownContents.Offer(stamp, buffers.Bytes.AsSpan(0, length));
        }

        return buffers.Bytes.AsSpan(0, length);
    }

    private sealed record Matchers(Regex Regex, Regex? Whole, byte[]? Literal);

    /// <summary>
    /// One search's root handle, the folder of the file last read (files come sorted, a folder's together), and its read
    /// and decode buffers, reused from file to file.
    /// </summary>
    private sealed class Buffers : IDisposable
    {
        public Microsoft.Win32.SafeHandles.SafeFileHandle? Root;

        /// <summary>Whether files are stamped before they are read: where Squad registered files (<see cref="KnownContents"/>).</summary>
        public bool Stamps;

        private Microsoft.Win32.SafeHandles.SafeFileHandle? folder;

        private string? folderPath;

        /// <summary>The folder that holds <paramref name="relative"/>, opened like a file is (no link, no ".."): its file is then resolved by name.</summary>
        public Microsoft.Win32.SafeHandles.SafeFileHandle FolderOf(string relative)
        {
            var slash = relative.LastIndexOf('/');
            if (slash < 0)
            {
                return Root!;
            }

            var path = relative[..slash];
            if (path != folderPath)
            {
                Dispose();
                folder = SafeFiles.OpenFolderForReads(Root!, path);
                folderPath = path;
            }

            return folder!;
        }

        public void Dispose()
        {
            folder?.Dispose();
            (folder, folderPath) = (null, null);
        }

        public byte[] Bytes = new byte[64 * 1024];

        public char[] Characters = new char[64 * 1024];
    }
}
