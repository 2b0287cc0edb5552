using System.Text.Json;
using Squad.Core.Domain;

namespace Squad.Core.Tools;

internal sealed class SubmitReviewTool : IAgentTool
{
    public string Name => ToolNames.SubmitReview;

    public string Description => "Submit your review of the pull request's current head: approve, request_changes (say exactly what must change) or comment.";

    public JsonElement Schema { get; } = ToolSchemas.Strings(
        [("verdict", "approve, request_changes or comment."), ("body", "The review, in Markdown.")]);

    public async Task<string> InvokeAsync(ToolArguments arguments, ToolContext context, CancellationToken cancellationToken = default)
    {
        var thread = context.PullRequest ?? throw new ToolException("there is no pull request to review");
        if (context.SubmittedVerdict is not null)
        {
            throw new ToolException("you already reviewed this head; one review per head");
        }

        var verdict = arguments.Required("verdict").Trim().ToLowerInvariant() switch
        {
            "approve" => Verdict.Approve,
            "request_changes" => Verdict.RequestChanges,
            "comment" => Verdict.Comment,
            var other => throw new ToolException($"verdict '{other}' is not one of approve, request_changes, comment"),
        };
        await thread.SubmitReviewAsync(context.Identity, verdict, arguments.Required("body"), cancellationToken);
        context.SubmittedVerdict = verdict;
        return $"review submitted: {verdict}";
    }
}
