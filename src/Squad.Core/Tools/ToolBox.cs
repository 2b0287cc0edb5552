using Microsoft.Extensions.AI;
using Squad.Core.Agents;

namespace Squad.Core.Tools;

/// <summary>
/// The tools of the runtime. A role is offered only the tools its definition lists, and a call to
/// any other tool is refused here, whatever the model asks: read-only is by construction.
/// </summary>
public sealed class ToolBox
{
    private readonly Dictionary<string, IAgentTool> tools;

    public ToolBox()
    {
        IAgentTool[] all =
        [
            new ReadFileTool(), new ListFilesTool(), new SearchFilesTool(), new WriteFileTool(), new EditFileTool(),
            new RunCommandTool(), new CommitTool(), new CommentTool(), new SubmitReviewTool(),
            new SubmitDiagnosisTool(), new ShellTool(), new DeleteFileTool(), new MoveFileTool(), new FinishTool(),
        ];
        tools = all.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    /// <summary>The declarations sent to the model for this role.</summary>
    public IList<AITool> DeclarationsFor(AgentDefinition agent)
        => [.. agent.Tools.Where(tools.ContainsKey).Where(name => !agent.ReadOnly || !ToolNames.Writes.Contains(name))
            .Select(name => (AITool)AIFunctionFactory.CreateDeclaration(name, tools[name].Description, tools[name].Schema))];

    /// <summary>Runs one call. Never throws for the model's mistakes: a refusal or failure is the result text.</summary>
    public async Task<ToolCallResult> InvokeAsync(string name, IDictionary<string, object?>? arguments, ToolContext context, CancellationToken cancellationToken = default)
    {
        var args = new ToolArguments(arguments);
        if (!tools.TryGetValue(name, out var tool))
        {
            return ToolCallResult.Refused($"unknown tool '{name}'");
        }

        if (!context.Agent.Tools.Contains(name) || (context.Agent.ReadOnly && ToolNames.Writes.Contains(name)))
        {
            var kind = context.Agent.ReadOnly ? "read-only role" : "role";
            return ToolCallResult.Refused($"tool '{name}' is not available to the {kind} '{context.Agent.Name}'");
        }

        context.Commands.LastExitCode = null;
        var result = await RunToolAsync(tool, args, context, cancellationToken);
        return result with { ExitCode = context.Commands.LastExitCode };
    }

    private static async Task<ToolCallResult> RunToolAsync(IAgentTool tool, ToolArguments args, ToolContext context, CancellationToken cancellationToken)
    {
        var name = tool.Name;
        try
        {
            return ToolCallResult.Ok(await tool.InvokeAsync(args, context, cancellationToken));
        }
        catch (ToolException ex)
        {
            return ToolCallResult.Failed(ex.Message);
        }
        catch (IOException ex)
        {
            return ToolCallResult.Failed($"{name} failed: {ex.GetType().Name}");
        }
        catch (UnauthorizedAccessException)
        {
            return ToolCallResult.Failed($"{name} failed: access denied");
        }
        catch (ArgumentException)
        {
            return ToolCallResult.Failed($"{name} failed: invalid argument");
        }
    }
}
