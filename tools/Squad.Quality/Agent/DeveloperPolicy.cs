using System.Text.RegularExpressions;

namespace Squad.Quality.Agent;

/// <summary>
/// The Developer: runs the tests, finds the code with <c>search_files</c>, reads it, applies the first candidate edit
/// whose text is in the file as read, reruns the tests, and commits. A failing test run, a refused edit or a refused commit
/// each lead somewhere else: the next candidate, a fresh read, the formatter before committing again.
/// </summary>
internal static class DeveloperPolicy
{
    public static AgentMove Next(Transcript t, AgentRecipe recipe)
    {
        var last = t.Last;
        if (last is null)
        {
            return AgentMove.Call("run_command", "Running the tests to see what fails.", ("name", "test"));
        }

        var path = TargetPath(t);
        if (path is null)
        {
            return t.Calls("search_files").Any()
                ? AgentMove.Call("finish", "Nothing in the repository matches the code this change is about.", ("summary", "I could not find the code to change; no commit."))
                : AgentMove.Call("search_files", "Looking for the code the failing tests exercise.", ("pattern", recipe.Locate));
        }

        return last.Tool switch
        {
            "search_files" => Read(path),
            "read_file" => Edit(t, recipe, path, last),
            "edit_file" when last.Failed => Read(path),
            "edit_file" => AgentMove.Call("run_command", "Rerunning the tests on the change.", ("name", "test")),
            "run_command" when last.IsCommand("test") => AfterTests(t, recipe, path, last),
            "run_command" when last.IsCommand("format") => Commit(path),
            "commit" => AfterCommit(t, path, last),
            _ => AgentMove.Call("finish", "Done.", ("summary", "Done.")),
        };
    }

    private static AgentMove Read(string path) => AgentMove.Call("read_file", $"Reading {path}.", ("path", path));

    private static AgentMove Commit(string path)
        => AgentMove.Call("commit", "The tests pass: committing.", ("message", $"Make the acceptance scenarios pass: change {path}"));

    private static string? TargetPath(Transcript t)
    {
        var search = t.Calls("search_files").LastOrDefault();
        if (search?.Result is not { } result || search.Failed)
        {
            return null;
        }

        // search_files answers one match a line: path:line: text. Generated copies (.out/, bin/, obj/) are not the source.
        return Regex.Matches(result, @"^(?<path>[^\s:]+\.[A-Za-z]+):\d+", RegexOptions.Multiline)
            .Select(m => m.Groups["path"].Value)
            .FirstOrDefault(p => !p.Split('/').Any(s => s.StartsWith('.') || s is "bin" or "obj" or "node_modules"));
    }

    private static AgentMove Edit(Transcript t, AgentRecipe recipe, string path, ToolStep read)
    {
        var tried = t.Calls("edit_file").Select(e => e.Argument("new_text")).ToHashSet(StringComparer.Ordinal);
        var content = read.Result ?? "";
        var candidate = recipe.Edits.FirstOrDefault(e => !tried.Contains(e.NewText) && content.Contains(e.OldText, StringComparison.Ordinal));
        if (candidate is not null)
        {
            return AgentMove.Call("edit_file", "Applying the change.", ("path", path), ("old_text", candidate.OldText), ("new_text", candidate.NewText));
        }

        return t.Calls("edit_file").Any(e => !e.Failed)
            ? AgentMove.Call("finish", "No other change I know of fits this code.", ("summary", "The tests still fail with every change I know of; no commit."))
            : AgentMove.Call("finish", "The code is not as I expected: none of my changes fits it.", ("summary", "None of the changes I know of fits this code; no commit."));
    }

    private static AgentMove AfterTests(Transcript t, AgentRecipe recipe, string path, ToolStep tests)
    {
        var edited = t.Calls("edit_file").Any(e => !e.Failed);
        if (!edited)
        {
            // The first run, before any change: find the code.
            return AgentMove.Call("search_files", "Looking for the code the failing tests exercise.", ("pattern", recipe.Locate));
        }

        return tests.ExitCode == 0 ? Commit(path) : Read(path);
    }

    private static AgentMove AfterCommit(Transcript t, string path, ToolStep commit)
    {
        if (!commit.Failed)
        {
            return AgentMove.Call("finish", "Committed.", ("summary", $"Changed {path}; every test passes, the acceptance scenarios' included."));
        }

        var refusals = t.Calls("commit").Count(c => c.Failed);
        var result = commit.Result ?? "";
        if (refusals <= 2 && result.Contains("lint failed", StringComparison.Ordinal))
        {
            return AgentMove.Call("run_command", "The linter refused the commit: running the formatter.", ("name", "format"));
        }

        return refusals <= 2 && result.Contains("test failed", StringComparison.Ordinal)
            ? Read(path)
            : AgentMove.Call("finish", "The commit is refused and I do not know how to fix it.", ("summary", "The commit was refused: " + result.Split('\n')[0]));
    }
}
