using System.Text.Json;

namespace Squad.Core.Tools;

internal sealed class EditFileTool : IAgentTool
{
    public string Name => ToolNames.EditFile;

    public string Description
        => $"Replace exactly one occurrence of old_text with new_text in a text file (of at most {SafeFiles.MaxFileSize}). The repository's formatter runs afterwards; the answer shows the changed lines, numbered.";

    public JsonElement Schema { get; } = ToolSchemas.Strings(
        [("path", "Path relative to the repository root."), ("old_text", "Text that occurs exactly once."), ("new_text", "Its replacement.")]);

    public async Task<string> InvokeAsync(ToolArguments arguments, ToolContext context, CancellationToken cancellationToken = default)
    {
        WriteGuard.EnsureWriter(context);
        var relative = arguments.Required("path");
        var file = await SafeFiles.ReadAsync(context.WorkspaceRoot, relative, SafeFiles.MaxFileBytes, cancellationToken);
        if (file.Truncated)
        {
            throw new ToolException($"file '{relative}' is {file.Length} bytes: edit_file edits files of at most {SafeFiles.MaxFileBytes} bytes ({SafeFiles.MaxFileSize})");
        }

        if (FileText.IsBinary(file.Bytes))
        {
            throw new ToolException($"file '{relative}' is binary (it holds NUL bytes): edit_file edits text files only");
        }

        var text = FileText.Decode(file.Bytes);
        var oldText = arguments.Required("old_text");
        var first = text.IndexOf(oldText, StringComparison.Ordinal);
        if (first < 0 || oldText.Length == 0)
        {
            throw new ToolException($"old_text does not occur in '{relative}'");
        }

        if (text.IndexOf(oldText, first + 1, StringComparison.Ordinal) >= 0)
        {
            throw new ToolException($"old_text occurs more than once in '{relative}': include more context");
        }

        var newText = arguments.Required("new_text");
        WriteGuard.EnsureNoSecret(context, newText);
        var updated = FileText.Encode(string.Concat(text.AsSpan(0, first), newText, text.AsSpan(first + oldText.Length)), FileText.HasByteOrderMark(file.Bytes));
        WriteGuard.EnsureSize(updated.Length, "the edited file");
        return $"edited {relative}" + await CheckedWrite.WriteAsync(context, relative, file.Bytes, updated, cancellationToken);
    }
}
