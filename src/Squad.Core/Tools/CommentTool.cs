using System.Text.Json;

namespace Squad.Core.Tools;

internal sealed class CommentTool : IAgentTool
{
    public string Name => ToolNames.Comment;

    public string Description => "Comment on the pull request.";

    public JsonElement Schema { get; } = ToolSchemas.Strings([("body", "The comment, in Markdown.")]);

    public async Task<string> InvokeAsync(ToolArguments arguments, ToolContext context, CancellationToken cancellationToken = default)
    {
        var thread = context.PullRequest ?? throw new ToolException("there is no pull request yet: say what you need in your final answer");
        await thread.CommentAsync(context.Identity, arguments.Required("body"), cancellationToken);
        return "commented";
    }
}
