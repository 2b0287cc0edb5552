using System.Text.Json;

namespace Squad.Core.Tools;

internal sealed class ReadFileTool : IAgentTool
{
    private const int MaxCharacters = 60_000;

    public string Name => ToolNames.ReadFile;

    public string Description => $"Read a text file of the repository (at most its first {SafeFiles.MaxFileSize}).";

    public JsonElement Schema { get; } = ToolSchemas.Strings([("path", "Path relative to the repository root.")]);

    public async Task<string> InvokeAsync(ToolArguments arguments, ToolContext context, CancellationToken cancellationToken = default)
    {
        var relative = arguments.Required("path");
        var file = await SafeFiles.ReadAsync(context.WorkspaceRoot, relative, SafeFiles.MaxFileBytes, cancellationToken);
        if (FileText.IsBinary(file.Bytes))
        {
            throw new ToolException($"file '{relative}' is binary ({file.Length} bytes, holding NUL bytes): read_file shows text files only");
        }

        var text = CommandRunner.Truncate(FileText.Decode(file.Bytes), MaxCharacters);
        return file.Truncated
            ? text + $"\n[file '{relative}' is {file.Length} bytes: only its first {SafeFiles.MaxFileBytes} bytes ({SafeFiles.MaxFileSize}) were read]"
            : text;
    }
}
