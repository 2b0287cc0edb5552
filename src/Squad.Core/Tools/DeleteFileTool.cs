using System.Text.Json;

namespace Squad.Core.Tools;

/// <summary>Removes a regular file of the work tree: writers only, never .git, a protected path or anything not a regular file.</summary>
internal sealed class DeleteFileTool : IAgentTool
{
    public string Name => ToolNames.DeleteFile;

    public string Description => "Delete a file of the repository (a regular file; not a folder, a link, or a protected path such as .squad.yml).";

    public JsonElement Schema { get; } = ToolSchemas.Strings([("path", "Path relative to the repository root.")]);

    public Task<string> InvokeAsync(ToolArguments arguments, ToolContext context, CancellationToken cancellationToken = default)
    {
        WriteGuard.EnsureWriter(context);
        var relative = arguments.Required("path");
        WriteGuard.EnsureNotProtected(context, relative);
        SafeFiles.Delete(context.WorkspaceRoot, relative);
        return Task.FromResult($"deleted {relative}");
    }
}
