using System.Text.Json;

namespace Squad.Core.Tools;

/// <summary>Renames a regular file within the work tree: writers only, never replacing a file, never into or out of .git or a protected path.</summary>
internal sealed class MoveFileTool : IAgentTool
{
    public string Name => ToolNames.MoveFile;

    public string Description => "Move (rename) a file of the repository to a new path, creating folders as needed; never replaces an existing file.";

    public JsonElement Schema { get; } = ToolSchemas.Strings([("path", "The file, relative to the repository root."), ("to", "Its new path, relative to the repository root.")]);

    public Task<string> InvokeAsync(ToolArguments arguments, ToolContext context, CancellationToken cancellationToken = default)
    {
        WriteGuard.EnsureWriter(context);
        var from = arguments.Required("path");
        var to = arguments.Required("to");
        WriteGuard.EnsureNotProtected(context, from);
        WriteGuard.EnsureNotProtected(context, to);
        SafeFiles.Move(context.WorkspaceRoot, from, to);
        return Task.FromResult($"moved {from} to {to}");
    }
}
