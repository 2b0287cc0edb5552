using System.Text.Json;

namespace Squad.Core.Tools;

internal sealed class ReadFileTool : IAgentTool
{
    private const int MaxCharacters = 60_000;

    public string Name => ToolNames.ReadFile;

    public string Description => "Read a text file of the repository.";

    public JsonElement Schema { get; } = ToolSchemas.Strings([("path", "Path relative to the repository root.")]);

    public async Task<string> InvokeAsync(ToolArguments arguments, ToolContext context, CancellationToken cancellationToken = default)
    {
        var relative = arguments.Required("path");
        var path = WorkspacePaths.Resolve(context.WorkspaceRoot, relative);
        if (!File.Exists(path))
        {
            throw new ToolException($"file '{relative}' does not exist");
        }

        var text = await File.ReadAllTextAsync(path, cancellationToken);
        return CommandRunner.Truncate(text, MaxCharacters);
    }
}
