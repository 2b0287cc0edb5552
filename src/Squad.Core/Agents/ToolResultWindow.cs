using System.Globalization;
using Microsoft.Extensions.AI;
using Squad.Core.Tools;

namespace Squad.Core.Agents;

/// <summary>
/// Keeps a pass's conversation within its context without paying for it twice: the results of tool calls older than the
/// last <see cref="KeepTurns"/> turns are collapsed to a line saying what they were, all at once, when those results add up
/// to <see cref="CollapseAtLeastCharacters"/> or more. Collapsing rewrites the conversation's middle, so a provider's
/// prompt cache serves only what comes before it and the rest is read again at the full price: each collapse is made to
/// remove more than that costs, and between collapses the prefix stays the same. On a context overflow, everything but
/// the latest turn is collapsed, then the latest turn is shortened, then collapsed.
/// </summary>
internal sealed class ToolResultWindow
{
    public const int KeepTurns = 2;

    /// <summary>
    /// What a collapse must remove, in characters (about 12,000 tokens): with cached input at a tenth of the price, a
    /// collapse of less costs more in the turns it reads again than it saves in the turns after it.
    /// </summary>
    public const int CollapseAtLeastCharacters = 48_000;

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

    /// <summary>Before asking for <paramref name="turn"/>: collapses the old results at once when they are large enough.</summary>
    public int Advance(List<ChatMessage> messages, int turn)
    {
        // The tool results of the last KeepTurns turns before this one stay; older ones go together once they weigh enough.
        var lastOld = turn - KeepTurns - 1;
        var collapsible = toolMessages.Where(m => m.Turn > collapsedThrough && m.Turn <= lastOld)
            .SelectMany(m => messages[m.Index].Contents.OfType<FunctionResultContent>())
            .Sum(result => result.Result is string { Length: >= MinCollapsedCharacters } text ? text.Length : 0);
        return collapsible >= CollapseAtLeastCharacters ? CollapseThrough(messages, lastOld) : 0;
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
