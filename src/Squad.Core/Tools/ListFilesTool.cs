using System.Text.Json;

namespace Squad.Core.Tools;

internal sealed class ListFilesTool : IAgentTool
{
    private const int MaxEntries = 2000;

    /// <summary>Paths are given whole (a cut path is useless), so the answer is bounded in characters as well.</summary>
    private const int MaxCharacters = 60_000;

    public string Name => ToolNames.ListFiles;

    public string Description => "List the regular files of the repository (recursively) under a folder; symbolic links are not followed.";

    public JsonElement Schema { get; } = ToolSchemas.Strings([], [("path", "Folder relative to the repository root; default the root.")]);

    public async Task<string> InvokeAsync(ToolArguments arguments, ToolContext context, CancellationToken cancellationToken = default)
    {
        var relative = arguments.Optional("path") ?? ".";
        var files = context.Commit is { } commit
            ? (await commit.FilesAsync(await commit.FolderAsync(relative, cancellationToken), cancellationToken)).Select(entry => entry.Path)
            : RepositoryFiles.Enumerate(context.WorkspaceRoot, SafeFiles.ResolveFolder(context.WorkspaceRoot, relative));
        var output = new CappedOutput(MaxEntries, MaxCharacters);
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!output.TryAppend(file))
            {
                return output + $"\n[more than {output.Lines} files; list a subfolder]";
            }
        }

        return output.ToString();
    }
}
