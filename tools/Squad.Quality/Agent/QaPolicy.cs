namespace Squad.Quality.Agent;

/// <summary>
/// QA: looks at the tree, writes the tests it knows for the acceptance criteria, runs them (they should fail before the
/// implementation), and commits; a commit the linter refuses gets the formatter, then another try.
/// </summary>
internal static class QaPolicy
{
    public static AgentMove Next(Transcript t, AgentRecipe recipe)
    {
        var last = t.Last;
        if (last is null)
        {
            return AgentMove.Call("list_files", "Looking at the repository's layout.");
        }

        var written = t.Calls("write_file").Where(w => !w.Failed).Select(w => w.Argument("path")).ToHashSet(StringComparer.Ordinal);
        var attempts = t.Calls("write_file").Count();
        if (recipe.QaTests.FirstOrDefault(f => !written.Contains(f.Path)) is { } next && attempts < recipe.QaTests.Count + 2)
        {
            return AgentMove.Call("write_file", $"Writing the tests of the scenarios in {next.Path}.", ("path", next.Path), ("content", next.Content));
        }

        return last.Tool switch
        {
            "write_file" or "list_files" => AgentMove.Call("run_command", "Running the new tests: they should fail before the implementation.", ("name", "test")),
            "run_command" when last.IsCommand("test") => Commit(),
            "run_command" when last.IsCommand("format") => Commit(),
            "commit" when !last.Failed => AgentMove.Call("finish", "Tests committed.", ("summary", "One test per scenario, named after it.")),
            "commit" when t.Calls("commit").Count(c => c.Failed) <= 2 && (last.Result ?? "").Contains("lint failed", StringComparison.Ordinal)
                => AgentMove.Call("run_command", "The linter refused the commit: running the formatter.", ("name", "format")),
            _ => AgentMove.Call("finish", "I cannot commit the tests.", ("summary", "The tests could not be committed: " + (last.Result ?? "").Split('\n')[0])),
        };
    }

    private static AgentMove Commit() => AgentMove.Call("commit", "Committing the tests.", ("message", "Tests for the acceptance criteria"));
}
