using Microsoft.Extensions.AI;

namespace Squad.Core.Tools;

/// <summary>
/// The writes of one model turn that share one run of the after-write commands (the formatter). A model that writes
/// several files in one answer (<c>write_file</c> and <c>edit_file</c> calls one after another) gets each file back
/// formatted, as if the formatter had run after each write, but the formatter runs once, after the last of them: it
/// formats the work tree, not a file. A write of a file already waiting, or any other tool, ends the batch first, so
/// every call sees the files as the calls before it left them, formatted.
/// </summary>
internal sealed class FormatBatch
{
    private readonly List<Waiting> waiting = [];
    private Written? written;

    public bool IsEmpty => waiting.Count == 0;

    /// <summary>Whether <paramref name="call"/> writes a file (and so runs the after-write commands).</summary>
    public static bool IsWrite(FunctionCallContent? call) => call?.Name is ToolNames.WriteFile or ToolNames.EditFile;

    /// <summary>
    /// Whether <paramref name="next"/> can join the batch that <paramref name="call"/> is in: another write, of a file
    /// neither <paramref name="call"/> nor a waiting write wrote (two writes of one file would show the first one the
    /// second's change).
    /// </summary>
    public bool Joins(FunctionCallContent? next, FunctionCallContent call)
        => IsWrite(next) && Key(next!) is { } key && key != Key(call) && waiting.TrueForAll(w => w.Key != key);

    /// <summary>Called by the write, instead of running the formatter: the file is written and waits for it.</summary>
    public void Add(string relative, string? oldText) => written = new Written(relative, oldText);

    /// <summary>After each call: a write that waits keeps its place among the turn's results, and what it answered so far.</summary>
    public void Settle(int slot, FunctionCallContent call, string output)
    {
        if (written is { } write)
        {
            waiting.Add(new Waiting(slot, call, Key(call), write, output));
            written = null;
        }
    }

    /// <summary>Runs the formatter once and completes every waiting write's answer with its file as formatted.</summary>
    public async Task FlushAsync(ToolContext context, List<AIContent> results, Func<string, string, string> forModel, CancellationToken cancellationToken)
    {
        var formatted = await WriteGuard.AfterWriteAsync(context, cancellationToken);
        foreach (var entry in waiting)
        {
            string snippet;
            try
            {
                snippet = await CheckedWrite.SnippetAsync(context, entry.Write.Relative, entry.Write.OldText, formatted, cancellationToken);
            }
            catch (ToolException ex)
            {
                // The formatter removed or replaced the file: the write happened, what it left cannot be shown.
                snippet = $"{formatted}\nerror: {ex.Message}";
            }

            results[entry.Slot] = new FunctionResultContent(entry.Call.CallId, forModel(entry.Call.Name, entry.Output + snippet));
        }

        waiting.Clear();
    }

    // The file a write names, in one spelling ("./a//b.cs" is "a/b.cs"); null when the path is one the tool refuses.
    private static string? Key(FunctionCallContent call)
    {
        try
        {
            return new ToolArguments(call.Arguments).Optional("path") is { } path ? string.Join('/', WorkspacePaths.Segments(path)) : null;
        }
        catch (ToolException)
        {
            return null;
        }
    }

    private sealed record Written(string Relative, string? OldText);

    private sealed record Waiting(int Slot, FunctionCallContent Call, string? Key, Written Write, string Output);
}
