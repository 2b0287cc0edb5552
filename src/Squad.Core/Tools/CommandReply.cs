using System.Text;

namespace Squad.Core.Tools;

/// <summary>
/// What <c>run_command</c> and <c>shell</c> answer: short output whole; long output as its head and tail, the whole of it
/// kept in <see cref="CommandOutputs"/> and the answer saying which lines were left out and how to read them.
/// </summary>
internal static class CommandReply
{
    public const int HeadLines = 40;
    public const int TailLines = 40;

    /// <summary>A line of the head or tail is cut after this many characters: the whole line is in the kept file.</summary>
    public const int MaxLineCharacters = 500;

    public static string Format(string title, CommandOutcome outcome, CommandOutputs outputs)
    {
        var text = outcome.FullOutput.Length > 0 ? outcome.FullOutput : outcome.Output;
        var lines = FileLines.Split(text);
        var header = $"{title}: exit {outcome.ExitCode}\n";
        if (lines.Count <= HeadLines + TailLines && text.Length <= CommandRunner.MaxOutputCharacters)
        {
            return header + text;
        }

        var path = outputs.Keep(text);
        var reply = new StringBuilder(header);
        var head = Math.Min(HeadLines, lines.Count);
        var tailStart = Math.Max(head, lines.Count - TailLines);
        AppendLines(reply, lines, 0, head);
        if (tailStart > head)
        {
            reply.Append($"[... lines {head + 1}-{tailStart} left out ...]\n");
        }

        AppendLines(reply, lines, tailStart, lines.Count);
        var shown = tailStart > head ? $"lines 1-{head} and {tailStart + 1}-{lines.Count} of {lines.Count}" : $"all {lines.Count} lines, long ones cut";
        reply.Append($"[{shown}; the whole output is in {path}: read_file path={path} start={Math.Min(head + 1, lines.Count)}]");
        return reply.ToString();
    }

    private static void AppendLines(StringBuilder reply, List<string> lines, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            reply.Append(CappedOutput.Cap(lines[i], MaxLineCharacters)).Append('\n');
        }
    }
}
