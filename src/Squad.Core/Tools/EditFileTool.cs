using System.Text.Json;

namespace Squad.Core.Tools;

internal sealed class EditFileTool : IAgentTool
{
    public string Name => ToolNames.EditFile;

    public string Description => "Replace exactly one occurrence of old_text with new_text in a file. The repository's formatter runs afterwards.";

    public JsonElement Schema { get; } = ToolSchemas.Strings(
        [("path", "Path relative to the repository root."), ("old_text", "Text that occurs exactly once."), ("new_text", "Its replacement.")]);

    public async Task<string> InvokeAsync(ToolArguments arguments, ToolContext context, CancellationToken cancellationToken = default)
    {
        WriteGuard.EnsureWriter(context);
        var relative = arguments.Required("path");
        var path = WorkspacePaths.Resolve(context.WorkspaceRoot, relative);
        if (!File.Exists(path))
        {
            throw new ToolException($"file '{relative}' does not exist");
        }

        var text = await File.ReadAllTextAsync(path, cancellationToken);
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
        var updated = string.Concat(text.AsSpan(0, first), newText, text.AsSpan(first + oldText.Length));
        await File.WriteAllTextAsync(path, updated, cancellationToken);
        return $"edited {relative}" + await WriteGuard.AfterWriteAsync(context, cancellationToken);
    }
}
