using System.Globalization;
using System.Text.RegularExpressions;

namespace Squad.Quality.Replay;

/// <summary>
/// Maps the actions of one SWE-agent trajectory, in order, onto Squad's agent tools. SWE-agent's editor keeps state (the
/// open file and its 100-line window); the mapper keeps the same state, so <c>goto</c>, <c>scroll_down</c> and a
/// line-addressed <c>edit</c> resolve to the file they act on.
/// </summary>
internal sealed class ActionMapper
{
    private const int Window = 100;
    private static readonly string[] s_networkCommands = ["pip install", "pip3 install", "npm install", "apt-get", "apt ", "curl ", "wget ", "git clone", "git push", "git fetch"];
    private static readonly string[] s_interactive = ["python", "python3", "vim", "vi", "nano", "less", "top", "ipython", "node"];
    private string? openFile;
    private int windowStart = 1;
    private bool openFileIsEmpty;

    public ActionMapping Map(string action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var text = action.ReplaceLineEndings("\n").TrimEnd('\n');
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        var firstLine = newline < 0 ? text : text[..newline];
        var words = ActionWords.Split(firstLine);
        var kind = words.Count == 0 ? "" : words[0];
        return kind switch
        {
            "open" when words.Count >= 2 => Open(words),
            "goto" when words.Count == 2 => Goto(Number(words[1])),
            "scroll_down" => Goto(windowStart + Window + (Window / 2)),
            "scroll_up" => Goto(Math.Max(1, windowStart - Window) + (Window / 2)),
            "create" when words.Count == 2 => Create(words[1]),
            "edit" when Regex.IsMatch(firstLine, @"^edit \d+:\d+$") => EditLines(firstLine, text[(newline + 1)..]),
            "edit" => EditReplace(ActionWords.Split(text)),
            "insert" => Insert(ActionWords.Split(text)),
            "search_dir" when words.Count >= 2 => Exact("search_dir", Call("search_files", ("pattern", Regex.Escape(words[1])), ("path", words.Count > 2 ? words[2] : "."))),
            "search_file" when words.Count >= 2 => SearchFile(words),
            "find_file" when words.Count >= 2 => Exact("find_file", Call("shell", ("command", $"find {Quote(words.Count > 2 ? words[2] : ".")} -name {Quote(words[1])}"))),
            "submit" => Exact("submit", Call("commit", ("message", "the change")), Call("finish", ("summary", "the change"))),
            "rm" when words.Count == 2 && !words[1].StartsWith('-') => Exact("rm", Call("delete_file", ("path", words[1]))),
            _ => Shell(text, kind),
        };
    }

    private static ActionMapping Exact(string kind, params SquadCall[] calls)
        => new() { Kind = kind, Fidelity = Fidelity.Exact, Calls = calls };

    private static SquadCall Call(string tool, params (string Name, string Value)[] arguments)
        => new(tool, arguments.ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal));

    private static int Number(string word) => int.Parse(word, NumberStyles.None, CultureInfo.InvariantCulture);

    private static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private ActionMapping Open(IReadOnlyList<string> words)
    {
        openFile = words[1];
        openFileIsEmpty = false;
        if (words.Count < 3)
        {
            windowStart = 1;
            return Exact("open", Call("read_file", ("path", openFile), ("start", "1"), ("end", Window.ToString(CultureInfo.InvariantCulture))));
        }

        var mapping = Goto(Number(words[2]));
        return mapping with { Kind = "open" };
    }

    private ActionMapping Goto(int line)
    {
        if (openFile is null)
        {
            return new() { Kind = "goto", Fidelity = Fidelity.NotExpressible, Calls = [], Why = "no file is open: SWE-agent refuses it too" };
        }

        windowStart = Math.Max(1, line - (Window / 2));
        var end = windowStart + Window - 1;
        return Exact("goto", Call("read_file", ("path", openFile), ("start", windowStart.ToString(CultureInfo.InvariantCulture)), ("end", end.ToString(CultureInfo.InvariantCulture))));
    }

    private ActionMapping Create(string path)
    {
        openFile = path;
        openFileIsEmpty = true;
        windowStart = 1;
        return Exact("create", Call("write_file", ("path", path), ("content", "")));
    }

    private ActionMapping EditLines(string firstLine, string body)
    {
        var end = body.LastIndexOf("end_of_edit", StringComparison.Ordinal);
        var replacement = end < 0 ? body : body[..end];
        if (openFile is null)
        {
            return new() { Kind = "edit", Fidelity = Fidelity.NotExpressible, Calls = [], Why = "no file is open: SWE-agent refuses it too" };
        }

        if (openFileIsEmpty)
        {
            openFileIsEmpty = false;
            return Exact("edit", Call("write_file", ("path", openFile), ("content", replacement)));
        }

        var range = firstLine["edit ".Length..].Split(':');
        return new()
        {
            Kind = "edit",
            Fidelity = Fidelity.WithLoss,
            Calls = [Call("read_file", ("path", openFile), ("start", range[0]), ("end", range[1])), Call("edit_file", ("path", openFile), ("old_text", $"<lines {range[0]}-{range[1]} as read>"), ("new_text", replacement))],
            Why = "lines are addressed by number, Squad's edit_file by quoted text: one read_file of the range first, and a range whose text occurs twice in the file needs more context",
        };
    }

    private ActionMapping EditReplace(IReadOnlyList<string> words)
    {
        if (openFile is null || words.Count < 3)
        {
            return new() { Kind = "edit", Fidelity = Fidelity.NotExpressible, Calls = [], Why = "no file is open, or no search and replacement text" };
        }

        openFileIsEmpty = false;
        return Exact("edit", Call("edit_file", ("path", openFile), ("old_text", words[1]), ("new_text", words[2])));
    }

    private ActionMapping Insert(IReadOnlyList<string> words)
    {
        if (openFile is null || words.Count < 2)
        {
            return new() { Kind = "insert", Fidelity = Fidelity.NotExpressible, Calls = [], Why = "no file is open, or no text" };
        }

        if (openFileIsEmpty)
        {
            // SWE-agent's new file holds one empty line; the text goes after it.
            openFileIsEmpty = false;
            return Exact("insert", Call("write_file", ("path", openFile), ("content", "\n" + words[1])));
        }

        var at = words.Count > 2 ? words[2] : "the last line";
        return new()
        {
            Kind = "insert",
            Fidelity = Fidelity.WithLoss,
            Calls = [Call("read_file", ("path", openFile), ("start", words.Count > 2 ? words[2] : "1")), Call("edit_file", ("path", openFile), ("old_text", $"<{at} as read>"), ("new_text", $"<{at}>\n" + words[1]))],
            Why = "an insertion point is a line number, Squad's edit_file quotes the line it inserts after: one read_file first",
        };
    }

    private ActionMapping SearchFile(IReadOnlyList<string> words)
    {
        var file = words.Count > 2 ? words[2] : openFile;
        return file is null
            ? new() { Kind = "search_file", Fidelity = Fidelity.NotExpressible, Calls = [], Why = "no file named and none open" }
            : Exact("search_file", Call("shell", ("command", $"grep -n -F -- {Quote(words[1])} {Quote(file)}")));
    }

    private static ActionMapping Shell(string command, string word)
    {
        if (s_networkCommands.Any(n => command.StartsWith(n, StringComparison.Ordinal)))
        {
            return new() { Kind = word, Fidelity = Fidelity.NotExpressible, Calls = [], Why = "needs the network, which agent commands never have: .squad.yml's setup commands install, once per squad" };
        }

        if (s_interactive.Contains(command.Trim(), StringComparer.Ordinal))
        {
            return new() { Kind = word, Fidelity = Fidelity.NotExpressible, Calls = [], Why = "an interactive session: commands run to completion without a terminal" };
        }

        return Exact("bash", Call("shell", ("command", command)));
    }
}
