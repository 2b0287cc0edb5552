using System.Text.Json;

namespace Squad.Core.Tools;

internal sealed class ListFilesTool : IAgentTool
{
    private const int MaxEntries = 2000;

    public string Name => ToolNames.ListFiles;

    public string Description => "List the files of the repository (recursively) under a folder.";

    public JsonElement Schema { get; } = ToolSchemas.Strings([], [("path", "Folder relative to the repository root; default the root.")]);

    public Task<string> InvokeAsync(ToolArguments arguments, ToolContext context, CancellationToken cancellationToken = default)
    {
        var relative = arguments.Optional("path") ?? ".";
        var folder = WorkspacePaths.Resolve(context.WorkspaceRoot, relative);
        if (!Directory.Exists(folder))
        {
            throw new ToolException($"folder '{relative}' does not exist");
        }

        var files = RepositoryFiles.Enumerate(context.WorkspaceRoot, folder).Take(MaxEntries + 1).ToList();
        var text = string.Join('\n', files.Take(MaxEntries));
        return Task.FromResult(files.Count > MaxEntries ? text + $"\n[more than {MaxEntries} files; list a subfolder]" : text);
    }
}
