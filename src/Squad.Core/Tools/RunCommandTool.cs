using System.Text.Json;

namespace Squad.Core.Tools;

internal sealed class RunCommandTool : IAgentTool
{
    public string Name => ToolNames.RunCommand;

    public string Description => "Run one of the repository's named commands (from .squad.yml: format, lint, build, test) and see its output.";

    public JsonElement Schema { get; } = ToolSchemas.Strings([("name", "The command's name, such as test.")]);

    public async Task<string> InvokeAsync(ToolArguments arguments, ToolContext context, CancellationToken cancellationToken = default)
    {
        var name = arguments.Required("name");
        if (context.Agent.ReadOnly && context.Commands.Config.AfterWrite.Contains(name))
        {
            throw new ToolException($"'{name}' changes files, and the role '{context.Agent.Name}' is read-only");
        }

        var root = context.CommandRoot is { } commandRoot ? await commandRoot(cancellationToken) : context.WorkspaceRoot;
        var outcome = await context.Commands.RunAsync(name, root, cancellationToken);
        return $"{name}: exit {outcome.ExitCode}\n{outcome.Output}";
    }
}
