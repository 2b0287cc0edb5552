using System.Globalization;
using Microsoft.Extensions.AI;
using Squad.Core.Tools;

namespace Squad.Core.Agents;

/// <summary>
/// Keeps a pass's conversation within its context: the results of tool calls older than the last
/// <see cref="KeepTurns"/> turns are collapsed to a line saying what they were, in batches of <see cref="KeepTurns"/>
/// turns, so the conversation's prefix changes once per batch and a provider's prompt cache keeps serving it in
/// between. On a context overflow, everything but the latest turn is collapsed, then the latest turn is shortened, then
/// collapsed.
/// </summary>
internal sealed class ToolResultWindow
{
    public const int KeepTurns = 4;

    /// <summary>A result this short stays whole: collapsing it would save nothing.</summary>
    public const int MinCollapsedCharacters = 600;

    /// <summary>What a result of the latest turn keeps when the context still overflows.</summary>
    public const int OverflowKeptCharacters = 2_000;

    private readonly List<(int Index, int Turn)> toolMessages = [];
    private readonly Dictionary<string, string> callLabels = new(StringComparer.Ordinal);
    private int collapsedThrough;
    private int trimLevel;

    /// <summary>Notes the tool calls of an answer and the message holding their results, added at <paramref name="index"/>.</summary>
    public void Add(int turn, IEnumerable<FunctionCallContent> calls, int index)
    {
        foreach (var call in calls)
        {
            callLabels[call.CallId] = $"{call.Name} {new ToolArguments(call.Arguments).ToJson()}";
        }

        toolMessages.Add((index, turn));
    }

    /// <summary>Before asking for <paramref name="turn"/>: collapses a whole batch of old results once enough have aged.</summary>
    public int Advance(List<ChatMessage> messages, int turn)
    {
        // The tool results of the last KeepTurns turns before this one stay; older ones go once there are KeepTurns of them.
        var lastOld = turn - KeepTurns - 1;
        return lastOld - collapsedThrough >= KeepTurns ? CollapseThrough(messages, lastOld) : 0;
    }

    /// <summary>
    /// After a context overflow, the next step that saves something: collapse every turn but the latest, then shorten the
    /// latest turn's results, then collapse those too. Characters saved; 0 when nothing is left to trim.
    /// </summary>
    public int Trim(List<ChatMessage> messages)
    {
        while (toolMessages.Count > 0 && trimLevel < 3)
        {
            var latest = toolMessages[^1];
            var saved = trimLevel++ switch
            {
                0 => CollapseThrough(messages, latest.Turn - 1),
                1 => Shorten(messages, latest.Index),
                _ => CollapseThrough(messages, latest.Turn),
            };
            if (saved > 0)
            {
                return saved;
            }
        }

        return 0;
    }

    private int CollapseThrough(List<ChatMessage> messages, int lastTurn)
    {
        var saved = 0;
        foreach (var (index, turn) in toolMessages.Where(m => m.Turn > collapsedThrough && m.Turn <= lastTurn))
        {
            saved += Rewrite(messages, index, (label, text) => text.Length < MinCollapsedCharacters ? text
                : string.Create(CultureInfo.InvariantCulture, $"[collapsed to keep the context small: the result of {label} in turn {turn}, {text.Length:N0} characters; call the tool again if you need it]"));
        }

        collapsedThrough = Math.Max(collapsedThrough, lastTurn);
        return saved;
    }

    private int Shorten(List<ChatMessage> messages, int index)
        => Rewrite(messages, index, (label, text) => text.Length <= OverflowKeptCharacters ? text
            : string.Create(CultureInfo.InvariantCulture, $"{text[..OverflowKeptCharacters]}\n[cut to keep the context small: {text.Length - OverflowKeptCharacters:N0} more characters of {label}]"));

    private int Rewrite(List<ChatMessage> messages, int index, Func<string, string, string> rewrite)
    {
        var saved = 0;
        var contents = new List<AIContent>();
        foreach (var content in messages[index].Contents)
        {
            if (content is FunctionResultContent { Result: string text } result)
            {
                var label = callLabels.GetValueOrDefault(result.CallId, "a tool call");
                var replaced = rewrite(label, text);
                saved += text.Length - replaced.Length;
                contents.Add(new FunctionResultContent(result.CallId, replaced));
            }
            else
            {
                contents.Add(content);
            }
        }

        messages[index] = new ChatMessage(ChatRole.Tool, contents);
        return saved;
    }
}
