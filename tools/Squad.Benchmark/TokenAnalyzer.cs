using Microsoft.Extensions.AI;
using Squad.Core.Agents;
using Squad.Core.Domain;

namespace Squad.Benchmark;

/// <summary>
/// Figure 8 from the captured requests of one run: each role's input, cached share, output and cost per merged issue, the
/// squad's total, and a single agent doing the same scripted work. The single agent is one conversation per issue: the
/// Developer's system prompt and every tool any role used, QA's briefing, then every role's turns in the squad's order
/// (QA, Developer, both reviewers) appended as one agent would make them — each of its calls sends the whole conversation so
/// far, as every role's calls do. Tokens are counted as figure 4 counts them; the cached share is the byte-identical
/// prefix of the previous request (the same conversation's, or for a first call the previous one of that role or agent).
/// </summary>
internal static class TokenAnalyzer
{
    private static readonly string[] Roles = [RoleNames.Qa, RoleNames.Developer, RoleNames.CodeReviewer, RoleNames.QaSpecialist];

    public static TokenFigures Analyze(IReadOnlyList<ModelCall> callsByStart, TokenPrices prices)
    {
        var issues = callsByStart.Select(c => c.Issue).Distinct(StringComparer.Ordinal).Count();
        var rows = new List<TokenRow>();
        var totals = new Totals();
        foreach (var role in Roles)
        {
            var measured = Measure(callsByStart.Where(c => c.Role == role).Select(c => (Key: $"{c.Issue}/{c.Pass}", Call: c)));
            rows.Add(measured.Row(role, issues, prices));
            totals.Add(measured);
        }

        rows.Add(totals.Row("squad", issues, prices));
        var single = Measure(SingleAgent(callsByStart));
        rows.Add(single.Row("single agent", issues, prices));
        var squad = rows[^2];
        var one = rows[^1];
        return new TokenFigures
        {
            Prices = prices,
            Rows = rows,
            SquadOverSingleAgentInput = Math.Round(squad.InputTokens / one.InputTokens, 2),
            SquadOverSingleAgentCost = Math.Round(squad.CostUsd / one.CostUsd, 2),
        };
    }

    private static Totals Measure(IEnumerable<(string Key, ModelCall Call)> calls)
    {
        var totals = new Totals();
        var byConversation = new Dictionary<string, string>(StringComparer.Ordinal);
        string? last = null;
        foreach (var (key, call) in calls)
        {
            var request = RequestSerializer.Serialize(call);
            var previous = byConversation.GetValueOrDefault(key) ?? last;
            totals.Add(1, PromptAnalyzer.Tokens(request.Length), PromptAnalyzer.Tokens(previous is null ? 0 : previous.AsSpan().CommonPrefixLength(request)), PromptAnalyzer.Tokens(call.ResponseCharacters));
            byConversation[key] = request;
            last = request;
        }

        return totals;
    }

    /// <summary>The single agent's calls, issue by issue: one conversation holding every role's turns.</summary>
    private static IEnumerable<(string Key, ModelCall Call)> SingleAgent(IReadOnlyList<ModelCall> callsByStart)
    {
        foreach (var issue in callsByStart.Select(c => c.Issue).Distinct(StringComparer.Ordinal))
        {
            var passes = Roles.SelectMany(role => callsByStart.Where(c => c.Issue == issue && c.Role == role)
                .GroupBy(c => c.Pass).OrderBy(g => g.Min(c => c.StartedAt)).Select(g => g.MaxBy(c => c.Turn)!)).ToList();
            var developer = passes.FirstOrDefault(c => c.Role == RoleNames.Developer) ?? passes[0];
            var tools = passes.SelectMany(c => c.Tools).DistinctBy(t => t.Name).ToList();
            List<ChatMessage> conversation = [.. developer.Messages.Where(m => m.Role == ChatRole.System), .. passes[0].Messages.Where(m => m.Role == ChatRole.User).Take(1)];
            var whole = WholeResults(callsByStart.Where(c => c.Issue == issue));
            var window = new ToolResultWindow();
            var turn = 0;
            IReadOnlyList<FunctionCallContent> asked = [];
            foreach (var pass in passes)
            {
                var turns = pass.Messages.SkipWhile(m => m.Role != ChatRole.User).Skip(1).Select(m => Whole(m, whole)).ToList();
                foreach (var message in turns)
                {
                    if (message.Role == ChatRole.Assistant)
                    {
                        window.Advance(conversation, ++turn);
                        yield return (issue, Call(issue, [.. conversation], tools, message));
                        asked = [.. message.Contents.OfType<FunctionCallContent>()];
                    }

                    conversation.Add(message);
                    if (message.Role == ChatRole.Tool)
                    {
                        window.Add(turn, asked, conversation.Count - 1);
                    }
                }
            }

            window.Advance(conversation, ++turn);
            yield return (issue, Call(issue, [.. conversation], tools, null));
        }
    }

    /// <summary>
    /// Each tool result as it was first sent, before a squad's context window collapsed it: the single agent's conversation
    /// is kept within its context by its own window, as one agent's would be, not by the squad's collapses.
    /// </summary>
    private static Dictionary<string, FunctionResultContent> WholeResults(IEnumerable<ModelCall> calls)
    {
        var whole = new Dictionary<string, FunctionResultContent>(StringComparer.Ordinal);
        foreach (var result in calls.OrderBy(c => c.StartedAt).SelectMany(c => c.Messages).SelectMany(m => m.Contents).OfType<FunctionResultContent>())
        {
            whole.TryAdd(result.CallId, result);
        }

        return whole;
    }

    private static ChatMessage Whole(ChatMessage message, Dictionary<string, FunctionResultContent> whole)
        => message.Role != ChatRole.Tool ? message
            : new ChatMessage(ChatRole.Tool, [.. message.Contents.Select(c => c is FunctionResultContent result && whole.TryGetValue(result.CallId, out var first) ? first : c)]);

    private static ModelCall Call(string issue, List<ChatMessage> messages, List<AITool> tools, ChatMessage? answer) => new()
    {
        Issue = issue,
        Role = "single-agent",
        Pass = 1,
        Turn = 0,
        StartedAt = 0,
        EndedAt = 0,
        Messages = messages,
        Tools = tools,
        ResponseCharacters = answer?.Contents.Sum(c => c switch
        {
            TextContent text => text.Text.Length,
            FunctionCallContent call => call.Name.Length + System.Text.Json.JsonSerializer.Serialize(call.Arguments, AIJsonUtilities.DefaultOptions).Length,
            _ => 0,
        }) ?? 0,
    };

    private sealed class Totals
    {
        private long calls;
        private long input;
        private long cached;
        private long output;

        public void Add(long callCount, long inputTokens, long cachedTokens, long outputTokens)
        {
            calls += callCount;
            input += inputTokens;
            cached += cachedTokens;
            output += outputTokens;
        }

        public void Add(Totals other) => Add(other.calls, other.input, other.cached, other.output);

        public TokenRow Row(string who, int issues, TokenPrices prices) => new()
        {
            Who = who,
            Calls = Math.Round((double)calls / issues, 1),
            InputTokens = Math.Round((double)input / issues, 0),
            CachedPercent = input == 0 ? 0 : Math.Round(100.0 * cached / input, 1),
            OutputTokens = Math.Round((double)output / issues, 0),
            CostUsd = Math.Round(prices.Cost((double)input / issues, (double)cached / issues, (double)output / issues), 4),
        };
    }
}
