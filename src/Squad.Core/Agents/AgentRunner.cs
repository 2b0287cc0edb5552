using System.Diagnostics;
using Microsoft.Extensions.AI;
using Squad.Core.Audit;
using Squad.Core.Security;
using Squad.Core.Tools;

namespace Squad.Core.Agents;

/// <summary>
/// The agent loop: ask the model, run the tool calls it makes, send back their results, until it calls the
/// tool that ends its role's pass (<c>finish</c>, <c>submit_review</c>, <c>submit_diagnosis</c>) or reaches the role's
/// turn limit. A reply without a tool call is nudged (at most <see cref="AgentDefinition.MaxNudges"/> times), a warning
/// comes a few turns before the limit, and a writer's uncommitted work is committed through the guardrails at the limit. Each pass starts a new
/// conversation: agents share nothing but the repository and the pull request. With an audit
/// trail, each tool call is recorded as it ends, so a pass that fails half-way leaves its record.
/// </summary>
public sealed class AgentRunner(IAgentModelProvider models, ToolBox tools, AuditTrail? audit = null)
{
    /// <summary>How often one turn is trimmed and asked again after a context overflow.</summary>
    public const int MaxTrims = 3;

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
        var finishing = agent.FinishingTools;
        var nudges = 0;
        var lastText = "";
        var window = new ToolResultWindow();
        for (var turn = 1; turn <= agent.MaxTurns; turn++)
        {
            window.Advance(messages, turn);
            var response = await AskAsync(client, messages, options, window, cancellationToken);
            messages.AddRange(response.Messages);
            lastText = response.Text;
            var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
            if (calls.Count == 0)
            {
                if (finishing.Count == 0)
                {
                    return Result(AgentStopReason.Completed, lastText, turn, context, toolCalls);
                }

                if (nudges == agent.MaxNudges)
                {
                    return Result(AgentStopReason.Unfinished, lastText, turn, context, toolCalls);
                }

                nudges++;
                messages.Add(new ChatMessage(ChatRole.User, Nudge(finishing, agent.MaxTurns - turn)));
                continue;
            }

            messages.Add(new ChatMessage(ChatRole.Tool, await RunToolsAsync(invocation, calls, context, toolCalls, cancellationToken)));
            window.Add(turn, calls, messages.Count - 1);
            if (context.Finished)
            {
                return Result(AgentStopReason.Completed, context.FinishSummary ?? lastText, turn, context, toolCalls);
            }

            if (agent.WarnTurnsLeft > 0 && agent.MaxTurns - turn == agent.WarnTurnsLeft)
            {
                messages.Add(new ChatMessage(ChatRole.User, TurnWarning(agent, finishing)));
            }
        }

        await CommitWorkInProgressAsync(invocation, agent, context, toolCalls, cancellationToken);
        return Result(AgentStopReason.MaxTurns, lastText, agent.MaxTurns, context, toolCalls);
    }

    /// <summary>
    /// One model call. A context overflow is not the end of the pass: old tool results are collapsed (then the latest
    /// shortened) and the same turn is asked again, at most <see cref="MaxTrims"/> times; the role's token budget still
    /// applies to every call, since the budget sits in the provider's chain.
    /// </summary>
    private static async Task<ChatResponse> AskAsync(IChatClient client, List<ChatMessage> messages, ChatOptions options, ToolResultWindow window, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await client.GetResponseAsync(messages, options, cancellationToken);
            }
            catch (SquadException ex) when (ex.Code == SquadErrorCode.ContextOverflow && attempt < MaxTrims && window.Trim(messages) > 0)
            {
                // Trimmed: ask again.
            }
        }
    }

    /// <summary>
    /// A writer that runs out of turns keeps its work: whatever it left uncommitted is committed through the same
    /// guardrails as any commit (a refusal leaves the tree as it is, and the refusal is in the pass's record).
    /// </summary>
    private async Task CommitWorkInProgressAsync(AgentInvocation invocation, AgentDefinition agent, ToolContext context, List<AgentToolCall> toolCalls, CancellationToken cancellationToken)
    {
        if (agent.ReadOnly || !agent.Tools.Contains(ToolNames.Commit))
        {
            return;
        }

        string status;
        try
        {
            status = await context.Git.RunAsync(context.WorkspaceRoot, ["status", "--porcelain"], cancellationToken: cancellationToken);
        }
        catch (SquadException)
        {
            return; // not a work tree of git: there is nothing to commit to
        }

        if (status.Trim().Length == 0)
        {
            return;
        }

        var arguments = new Dictionary<string, object?> { ["message"] = $"WIP: the {agent.DisplayName} reached its limit of {agent.MaxTurns} turns" };
        await RunToolsAsync(invocation, [new FunctionCallContent($"wip_{invocation.Pass}", ToolNames.Commit, arguments)], context, toolCalls, cancellationToken);
    }

    private static string Nudge(IReadOnlyList<string> finishing, int turnsLeft)
        => $"You answered without calling a tool, which does not end your pass. Go on with your tools, or end the pass by calling {Either(finishing)}. {turnsLeft} turn(s) left.";

    private static string TurnWarning(AgentDefinition agent, IReadOnlyList<string> finishing)
        => agent.ReadOnly || finishing.Count == 0
            ? $"{agent.WarnTurnsLeft} turn(s) left: conclude now{(finishing.Count == 0 ? "" : $" with {Either(finishing)}")}."
            : $"{agent.WarnTurnsLeft} turn(s) left: commit what works now and call {Either(finishing)}. At the limit, uncommitted work is committed through the guardrails as work in progress.";

    private static string Either(IReadOnlyList<string> tools) => string.Join(" or ", tools.Select(t => $"`{t}`"));

    private async Task<List<AIContent>> RunToolsAsync(
        AgentInvocation invocation, List<FunctionCallContent> calls, ToolContext context, List<AgentToolCall> toolCalls, CancellationToken cancellationToken)
    {
        var results = new List<AIContent>();
        var batch = new FormatBatch();
        var formatter = context.Commands.Config.AfterWrite.Count > 0;
        for (var i = 0; i < calls.Count; i++)
        {
            var call = calls[i];
            var next = i + 1 < calls.Count ? calls[i + 1] : null;
            var stopwatch = Stopwatch.StartNew();
            context.FormatBatch = formatter && FormatBatch.IsWrite(call) && (!batch.IsEmpty || batch.Joins(next, call)) ? batch : null;
            ToolCallResult result;
            try
            {
                result = await tools.InvokeAsync(call.Name, call.Arguments, context, cancellationToken);
            }
            finally
            {
                context.FormatBatch = null;
            }

            batch.Settle(results.Count, call, result.Output);
            results.Add(new FunctionResultContent(call.CallId, ForModel(call.Name, result.Output)));
            var exitCode = result.ExitCode;
            if (!batch.IsEmpty && !batch.Joins(next, call))
            {
                // The turn's last write of a run of writes: one formatter run for all of them.
                context.Commands.LastExitCode = null;
                await batch.FlushAsync(context, results, ForModel, cancellationToken);
                exitCode = context.Commands.LastExitCode;
            }

            var toolCall = new AgentToolCall
            {
                Name = call.Name,
                Arguments = new ToolArguments(call.Arguments).ToJson(),
                Status = result.Status,
                ExitCode = exitCode,
                Duration = stopwatch.Elapsed,
            };
            toolCalls.Add(toolCall);
            if (audit is not null)
            {
                await audit.RecordToolCallAsync(invocation, toolCall);
            }
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
