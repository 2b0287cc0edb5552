using System.Diagnostics;
using Microsoft.Extensions.AI;
using Squad.Core.Tools;

namespace Squad.Core.Agents;

/// <summary>
/// The agent loop: ask the model, run the tool calls it makes, send back their results, until it
/// answers without tool calls or reaches the role's turn limit. Each pass starts a new
/// conversation: agents share nothing but the repository and the pull request.
/// </summary>
public sealed class AgentRunner(IAgentModelProvider models, ToolBox tools)
{
    public async Task<AgentResult> RunAsync(AgentInvocation invocation, AgentDefinition agent, string briefing, ToolContext context, CancellationToken cancellationToken = default)
    {
        var client = models.GetClient(invocation);
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, RenderSystemPrompt(agent, context)),
            new(ChatRole.User, briefing),
        };
        var options = new ChatOptions { Tools = tools.DeclarationsFor(agent), ModelId = invocation.Model };
        var toolCalls = new List<AgentToolCall>();
        for (var turn = 1; turn <= agent.MaxTurns; turn++)
        {
            var response = await client.GetResponseAsync(messages, options, cancellationToken);
            messages.AddRange(response.Messages);
            var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
            if (calls.Count == 0)
            {
                return Result(AgentStopReason.Completed, response.Text, turn, context, toolCalls);
            }

            var results = new List<AIContent>();
            foreach (var call in calls)
            {
                var stopwatch = Stopwatch.StartNew();
                var result = await tools.InvokeAsync(call.Name, call.Arguments, context, cancellationToken);
                toolCalls.Add(new AgentToolCall
                {
                    Name = call.Name,
                    Arguments = new ToolArguments(call.Arguments).ToJson(),
                    Status = result.Status,
                    Duration = stopwatch.Elapsed,
                });
                results.Add(new FunctionResultContent(call.CallId, result.Output));
            }

            messages.Add(new ChatMessage(ChatRole.Tool, results));
        }

        return Result(AgentStopReason.MaxTurns, "", agent.MaxTurns, context, toolCalls);
    }

    private static AgentResult Result(AgentStopReason reason, string text, int turns, ToolContext context, List<AgentToolCall> toolCalls) => new()
    {
        StopReason = reason,
        FinalText = text,
        Turns = turns,
        Commits = [.. context.Commits],
        Verdict = context.SubmittedVerdict,
        ToolCalls = toolCalls,
    };

    private static string RenderSystemPrompt(AgentDefinition agent, ToolContext context)
        => PromptTemplate.Render(agent.Prompt, new Dictionary<string, string>
        {
            ["role"] = agent.DisplayName,
            ["tools"] = string.Join(", ", agent.Tools),
            ["commands"] = context.Commands.Config.Commands.Count == 0
                ? "(none configured)"
                : string.Join("\n", context.Commands.Config.Commands.Select(c => $"- {c.Key}: `{c.Value}`")),
        });
}
