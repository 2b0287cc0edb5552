using System.Text.Json;

namespace Squad.Core.Tools;

internal sealed class WriteFileTool : IAgentTool
{
    public string Name => ToolNames.WriteFile;

    public string Description
        => $"Create or replace a file of the repository with the given content (at most {SafeFiles.MaxFileSize}). The repository's formatter runs afterwards.";

    public JsonElement Schema { get; } = ToolSchemas.Strings([("path", "Path relative to the repository root."), ("content", "The whole new content.")]);

    public async Task<string> InvokeAsync(ToolArguments arguments, ToolContext context, CancellationToken cancellationToken = default)
    {
        WriteGuard.EnsureWriter(context);
        var relative = arguments.Required("path");
        WorkspacePaths.Segments(relative);
        var content = arguments.Required("content");
        WriteGuard.EnsureNoSecret(context, content);
        WriteGuard.EnsureSize(FileText.ByteCount(content), "content");
        SafeFiles.Write(context.WorkspaceRoot, relative, FileText.Encode(content));
        return $"wrote {relative}" + await WriteGuard.AfterWriteAsync(context, cancellationToken);
    }
}
