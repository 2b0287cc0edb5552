using System.Text.Json;

namespace Squad.Core.Tools;

internal sealed class WriteFileTool : IAgentTool
{
    public string Name => ToolNames.WriteFile;

    public string Description
        => $"Create or replace a file of the repository with the given content (at most {SafeFiles.MaxFileSize}). The repository's formatter runs afterwards; the answer shows the changed lines, numbered.";

    public JsonElement Schema { get; } = ToolSchemas.Strings([("path", "Path relative to the repository root."), ("content", "The whole new content.")]);

    public async Task<string> InvokeAsync(ToolArguments arguments, ToolContext context, CancellationToken cancellationToken = default)
    {
        WriteGuard.EnsureWriter(context);
        var relative = arguments.Required("path");
        WorkspacePaths.Segments(relative);
        var content = arguments.Required("content");
        WriteGuard.EnsureNoSecret(context, content);
        WriteGuard.EnsureSize(FileText.ByteCount(content), "content");
        var before = await ExistingAsync(context, relative, cancellationToken);
        return $"wrote {relative}" + await CheckedWrite.WriteAsync(context, relative, before, FileText.Encode(content), cancellationToken);
    }

    /// <summary>The bytes the file holds now, for the snippet and the syntax check; null when there is no such file yet.</summary>
    private static async Task<byte[]?> ExistingAsync(ToolContext context, string relative, CancellationToken cancellationToken)
    {
        try
        {
            var file = await SafeFiles.ReadAsync(context.WorkspaceRoot, relative, SafeFiles.MaxFileBytes, cancellationToken);
            return file.Truncated || FileText.IsBinary(file.Bytes) ? null : file.Bytes;
        }
        catch (ToolException)
        {
            // Missing, or something write refuses in its turn with its own reason.
            return null;
        }
    }
}
