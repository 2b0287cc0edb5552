namespace Squad.Cli.Tests;

/// <summary>
/// Evidence for reviewers, end to end on the local forge: the orchestrator runs the tests at QA's commit, sends a test that
/// passes before the implementation back to QA, runs them again at the head, and the reviewers read the fail→pass table.
/// </summary>
public sealed class QaEvidenceTests : IDisposable
{
    private const string Test = "tests/the_greeting_says_hello.sh";

    private readonly NotesFixture notes = new();

    public void Dispose() => notes.Dispose();

    [Fact]
    public async Task Run_QaTestThatPassesBeforeTheImplementation_GoesBackToQaAndReviewersSeeFailThenPass()
    {
        notes.RemoveIssue("NOTE-2.md");
        await File.WriteAllTextAsync(notes.Script, Script);

        var run = await notes.RunAsync();

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        var squad = run.Squad("NOTE-1");
        Assert.Equal("merged", squad.GetProperty("outcome").GetString());
        Assert.StartsWith("QA's tests fail before the implementation, as they should (the tests exit 1)\n- fails: The greeting says hello",
            squad.GetProperty("regressionCheck").GetString(), StringComparison.Ordinal);
        Assert.Contains("QA check: warning: the tests pass before the implementation", run.Error, StringComparison.Ordinal);

        var qa = await TraceAsync("qa");
        var second = qa[qa.IndexOf("=== qa pass 2", StringComparison.Ordinal)..];
        Assert.Contains("| The greeting says hello | passes | not checked |", second, StringComparison.Ordinal);
        Assert.Contains("already pass, so they do not test what those scenarios ask", second, StringComparison.Ordinal);

        var review = await TraceAsync("code-reviewer");
        Assert.Contains("At QA's commit: QA's tests fail before the implementation, as they should (the tests exit 1).", review, StringComparison.Ordinal);
        Assert.Contains(": the checks pass.", review, StringComparison.Ordinal);
        Assert.Contains("| The greeting says hello | fails | passes |", review, StringComparison.Ordinal);
    }

    private async Task<string> TraceAsync(string role)
    {
        var trace = await CliResult.RunAsync("trace", "NOTE-1", "--data-dir", notes.DataDirectory, "--role", role);
        Assert.True(trace.ExitCode == 0, trace.Error);
        return trace.Output;
    }

    private static string Script => "issues:\n" + SquadScript.Issue(
        "NOTE-1",
        new SquadScript.Commit(Test, "# The greeting says hello\ntrue\n", "Test: the greeting says hello"),
        new SquadScript.Commit("src/greeting.txt", "hello, visitor\n", "Greet visitors"),
        retest: new SquadScript.Commit(Test, "# The greeting says hello\ngrep -q hello src/greeting.txt\n", "Test the greeting itself"));
}
