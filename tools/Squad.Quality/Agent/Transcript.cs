using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Squad.Quality.Agent;

/// <summary>
/// What the deterministic agent knows at a turn: the briefing (the pass's first user message) and every tool call made
/// so far with its result, read back from the conversation Squad sends, exactly as a model reads it.
/// </summary>
internal sealed class Transcript
{
    private Transcript(string briefing, IReadOnlyList<ToolStep> steps)
    {
        Briefing = briefing;
        Steps = steps;
    }

    public string Briefing { get; }

    public IReadOnlyList<ToolStep> Steps { get; }

    public ToolStep? Last => Steps.Count == 0 ? null : Steps[^1];

    public static Transcript Read(IEnumerable<ChatMessage> messages)
    {
        var list = messages.ToList();
        var briefing = list.FirstOrDefault(m => m.Role == ChatRole.User)?.Text ?? "";
        var results = list.SelectMany(m => m.Contents.OfType<FunctionResultContent>())
            .GroupBy(r => r.CallId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Result?.ToString(), StringComparer.Ordinal);
        var steps = list.Where(m => m.Role == ChatRole.Assistant)
            .SelectMany(m => m.Contents.OfType<FunctionCallContent>())
            .Select(c => new ToolStep(c.Name, Arguments(c), results.GetValueOrDefault(c.CallId)))
            .ToList();
        return new Transcript(briefing, steps);
    }

    public IEnumerable<ToolStep> Calls(string tool) => Steps.Where(s => s.Tool == tool);

    private static Dictionary<string, string> Arguments(FunctionCallContent call)
        => (call.Arguments ?? new Dictionary<string, object?>()).ToDictionary(
            a => a.Key,
            a => a.Value switch
            {
                null => "",
                string text => text,
                JsonElement { ValueKind: JsonValueKind.String } element => element.GetString() ?? "",
                JsonElement element => element.GetRawText(),
                var other => other.ToString() ?? "",
            },
            StringComparer.Ordinal);
}
