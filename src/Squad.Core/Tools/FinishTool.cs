using System.Text.Json;

namespace Squad.Core.Tools;

/// <summary>
/// How a writer ends its pass: a summary of what it did. The pass ends once this call's turn is done; a reply without
/// any tool call is not an end but is nudged (see <see cref="Agents.AgentRunner"/>).
/// </summary>
internal sealed class FinishTool : IAgentTool
{
    public string Name => ToolNames.Finish;

    public string Description =>
        "End your pass: say in a few lines what you changed and why, and anything the next role should know. " +
        "Commit first: uncommitted work is committed through the guardrails only when the turn limit runs out.";

    public JsonElement Schema { get; } = ToolSchemas.Strings([("summary", "What you did in this pass, in Markdown.")]);

    public Task<string> InvokeAsync(ToolArguments arguments, ToolContext context, CancellationToken cancellationToken = default)
    {
        if (context.FinishSummary is not null)
        {
            throw new ToolException("you already finished this pass");
        }

        var summary = arguments.Required("summary").Trim();
        if (summary.Length == 0)
        {
            throw new ToolException("the summary is empty: say what you did");
        }

        context.FinishSummary = summary;
        return Task.FromResult("pass finished");
    }
}
