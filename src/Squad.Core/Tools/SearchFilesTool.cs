using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Squad.Core.Tools;

internal sealed class SearchFilesTool : IAgentTool
{
    private const int MaxMatches = 200;

    public string Name => ToolNames.SearchFiles;

    public string Description => "Search the repository's text files for a regular expression; answers path:line: text.";

    public JsonElement Schema { get; } = ToolSchemas.Strings(
        [("pattern", "A .NET regular expression.")], [("path", "Folder relative to the repository root; default the root.")]);

    public async Task<string> InvokeAsync(ToolArguments arguments, ToolContext context, CancellationToken cancellationToken = default)
    {
        Regex regex;
        try
        {
            regex = new Regex(arguments.Required("pattern"), RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException ex)
        {
            throw new ToolException($"invalid pattern: {ex.Message}");
        }

        var folder = WorkspacePaths.Resolve(context.WorkspaceRoot, arguments.Optional("path") ?? ".");
        var output = new StringBuilder();
        var matches = 0;
        try
        {
            foreach (var relative in RepositoryFiles.Enumerate(context.WorkspaceRoot, folder))
            {
                matches = await SearchFileAsync(context.WorkspaceRoot, relative, regex, output, matches, cancellationToken);
                if (matches >= MaxMatches)
                {
                    output.AppendLine($"[stopped at {MaxMatches} matches; narrow the pattern or the path]");
                    break;
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            throw new ToolException("the pattern took too long to match: simplify it");
        }

        return matches == 0 ? "no matches" : output.ToString();
    }

    private static async Task<int> SearchFileAsync(string root, string relative, Regex regex, StringBuilder output, int matches, CancellationToken cancellationToken)
    {
        string path;
        try
        {
            // A file link out of the worktree is listed but never read.
            path = WorkspacePaths.Resolve(root, relative);
        }
        catch (ToolException)
        {
            return matches;
        }

        var lines = await File.ReadAllLinesAsync(path, cancellationToken);
        for (var i = 0; i < lines.Length && matches < MaxMatches; i++)
        {
            if (lines[i].Contains('\0', StringComparison.Ordinal))
            {
                break;
            }

            if (regex.IsMatch(lines[i]))
            {
                output.Append(relative).Append(':').Append(i + 1).Append(": ").AppendLine(lines[i].Trim());
                matches++;
            }
        }

        return matches;
    }
}
