using System.Diagnostics;
using Microsoft.Extensions.AI;
using Squad.Core.Audit;
using Squad.Core.Security;
using Squad.Core.Tools;

namespace Squad.Core.Agents;

/// <summary>
/// The agent loop: ask the model, run the tool calls it makes, send back their results, until it
/// answers without tool calls or reaches the role's turn limit. Each pass starts a new
/// conversation: agents share nothing but the repository and the pull request. With an audit
/// trail, each tool call is recorded as it ends, so a pass that fails half-way leaves its record.
/// </summary>
public sealed class AgentRunner(IAgentModelProvider models, ToolBox tools, AuditTrail? audit = null)
{
    public async Task<AgentResult> RunAsync(AgentInvocation invocation, AgentDefinition agent, string briefing, ToolContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            return await LoopAsync(invocation, agent, briefing, context, cancellationToken);
        }
        finally
        {
            // The kept output of long commands lives as long as the pass that can page through it.
            context.Outputs.Dispose();
        }
    }

    private async Task<AgentResult> LoopAsync(AgentInvocation invocation, AgentDefinition agent, string briefing, ToolContext context, CancellationToken cancellationToken)
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

            messages.Add(new ChatMessage(ChatRole.Tool, await RunToolsAsync(invocation, calls, context, toolCalls, cancellationToken)));
        }

        return Result(AgentStopReason.MaxTurns, "", agent.MaxTurns, context, toolCalls);
    }

    private async Task<List<AIContent>> RunToolsAsync(
        AgentInvocation invocation, List<FunctionCallContent> calls, ToolContext context, List<AgentToolCall> toolCalls, CancellationToken cancellationToken)
    {
        var results = new List<AIContent>();
        foreach (var call in calls)
        {
            var stopwatch = Stopwatch.StartNew();
            var result = await tools.InvokeAsync(call.Name, call.Arguments, context, cancellationToken);
            var toolCall = new AgentToolCall
            {
                Name = call.Name,
                Arguments = new ToolArguments(call.Arguments).ToJson(),
                Status = result.Status,
                ExitCode = result.ExitCode,
                Duration = stopwatch.Elapsed,
            };
            toolCalls.Add(toolCall);
            if (audit is not null)
            {
                await audit.RecordToolCallAsync(invocation, toolCall);
            }

            results.Add(new FunctionResultContent(call.CallId, ForModel(call.Name, result.Output)));
        }

        return results;
    }

    /// <summary>
    /// Tool output is untrusted text (command output, files agents wrote): hidden content goes before
    /// the model reads it. A file's content keeps its markup, so that edits of it still match.
    /// </summary>
    internal static string ForModel(string tool, string output)
        => tool is ToolNames.ReadFile or ToolNames.SearchFiles or ToolNames.ListFiles
            ? UntrustedText.RemoveInvisible(output)
            : UntrustedText.Sanitize(output, UntrustedText.HiddenMarker);

    private static AgentResult Result(AgentStopReason reason, string text, int turns, ToolContext context, List<AgentToolCall> toolCalls) => new()
    {
        StopReason = reason,
        FinalText = text,
        Turns = turns,
        Commits = [.. context.Commits],
        Verdict = context.SubmittedVerdict,
        Diagnosis = context.SubmittedDiagnosis,
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
