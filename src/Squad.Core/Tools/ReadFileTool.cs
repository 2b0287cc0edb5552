using System.Text;
using System.Text.Json;

namespace Squad.Core.Tools;

/// <summary>
/// Reads a text file: a small file whole and as it is (so edits can quote it exactly); a range, or a large file, as
/// numbered lines with "lines X-Y of N", a large file read whole starting with its outline (types and functions).
/// </summary>
internal sealed class ReadFileTool : IAgentTool
{
    /// <summary>Lines shown at once when a range is asked or a large file is read whole.</summary>
    public const int WindowLines = 400;

    /// <summary>A file read whole is shown as it is up to this many lines and <see cref="MaxCharacters"/>.</summary>
    public const int MaxWholeLines = 600;

    private const int MaxCharacters = 60_000;

    private const int MaxLineCharacters = 2000;

    public string Name => ToolNames.ReadFile;

    public string Description
        => $"Read a text file of the repository (at most its first {SafeFiles.MaxFileSize}). A small file comes whole, as it is; "
            + $"give start and end (line numbers, from 1) for numbered lines of a range. A file over {MaxWholeLines} lines comes as its "
            + $"outline and its first {WindowLines} numbered lines, with how to read on.";

    public JsonElement Schema { get; } = ToolSchemas.Build(
        [("path", "Path relative to the repository root.")], [],
        [("start", "First line to show (from 1)."), ("end", "Last line to show (inclusive).")], []);

    public async Task<string> InvokeAsync(ToolArguments arguments, ToolContext context, CancellationToken cancellationToken = default)
    {
        var relative = arguments.Required("path");
        WorkspacePaths.Segments(relative);
        // A command's whole output is a file of the pass's own folder; the repository's files are the commit's, for a role
        // that reads one, else the work tree's.
        var file = CommandOutputs.NameOf(relative) is { } kept
            ? await SafeFiles.ReadAsync(context.Outputs.Folder ?? throw FileRefusals.Missing(relative), kept, SafeFiles.MaxFileBytes, cancellationToken)
            : context.Commit is { } commit
                ? await commit.ReadAsync(relative, cancellationToken)
                : await SafeFiles.ReadAsync(context.WorkspaceRoot, relative, SafeFiles.MaxFileBytes, cancellationToken);
        if (FileText.IsBinary(file.Bytes))
        {
            throw new ToolException($"file '{relative}' is binary ({file.Length} bytes, holding NUL bytes): read_file shows text files only");
        }

        var text = FileText.Decode(file.Bytes);
        var cut = file.Truncated ? $"\n[file '{relative}' is {file.Length} bytes: only its first {SafeFiles.MaxFileBytes} bytes ({SafeFiles.MaxFileSize}) were read]" : "";
        var start = arguments.OptionalPositive("start");
        var end = arguments.OptionalPositive("end");
        var lines = FileLines.Split(text);
        if (start is null && end is null && lines.Count <= MaxWholeLines && text.Length <= MaxCharacters)
        {
            return text + cut;
        }

        return Window(relative, text, lines, start, end) + cut;
    }

    private static string Window(string relative, string text, List<string> lines, int? start, int? end)
    {
        var total = lines.Count;
        var first = start ?? 1;
        if (total == 0)
        {
            return $"[file '{relative}' is empty]";
        }

        if (first > total)
        {
            throw new ToolException($"start={first} is past the end of '{relative}', which has {total} lines");
        }

        if (end is { } last && last < first)
        {
            throw new ToolException($"end={last} is before start={first}");
        }

        var answer = new StringBuilder();
        if (start is null && end is null)
        {
            answer.Append(SourceOutline.Render(relative, text, lines));
        }

        var until = Math.Min(Math.Min(end ?? total, total), first + WindowLines - 1);
        var body = FileLines.Numbered(lines, first, until, MaxLineCharacters);
        while (body.Length > MaxCharacters && until > first)
        {
            until = first + ((until - first) / 2);
            body = FileLines.Numbered(lines, first, until, MaxLineCharacters);
        }

        answer.Append(body).Append($"[lines {first}-{until} of {total}");
        return answer.Append(until < total ? $"; read_file path={relative} start={until + 1} for more]" : "]").ToString();
    }
}
