using Microsoft.Extensions.AI;
using Squad.Quality.Agent;

namespace Squad.Quality.Tests;

/// <summary>The agent decides from what the tools answered: the same history gives the same move, another answer another move.</summary>
public sealed class DeterministicAgentTests
{
    private static readonly AgentRecipe s_recipe = new()
    {
        QaTests = [new RecipeFile("tests/test_a.py", "x")],
        Locate = "def f",
        Edits = [new RecipeEdit("return 1", "return 2"), new RecipeEdit("return 2", "return 3")],
    };

    private static Transcript History(params (string Tool, (string, string)[] Arguments, string Result)[] steps)
    {
        var messages = new List<ChatMessage> { new(ChatRole.User, "# Fix f") };
        for (var i = 0; i < steps.Length; i++)
        {
            var id = "c" + i;
            messages.Add(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent(id, steps[i].Tool, steps[i].Arguments.ToDictionary(a => a.Item1, a => (object?)a.Item2))]));
            messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(id, steps[i].Result)]));
        }

        return Transcript.Read(messages);
    }

    private static readonly (string, (string, string)[], string)[] s_edited =
    [
        ("run_command", [("name", "test")], "test: exit 1\nFAIL test_a"),
        ("search_files", [("pattern", "def f")], ".out/a.py:1: def f():\nsrc/a.py:1: def f():"),
        ("read_file", [("path", "src/a.py")], "def f():\n    return 1\n"),
        ("edit_file", [("path", "src/a.py"), ("old_text", "return 1"), ("new_text", "return 2")], "edited src/a.py"),
    ];

    [Fact]
    public void The_developer_edits_the_source_a_search_finds_not_a_generated_copy()
    {
        var move = DeveloperPolicy.Next(History(s_edited[..3]), s_recipe);

        Assert.Equal("edit_file", move.Tool);
        Assert.Equal("src/a.py", move.Arguments["path"]);
        Assert.Equal("return 2", move.Arguments["new_text"]);
    }

    [Fact]
    public void Tests_that_still_fail_after_an_edit_lead_to_the_next_candidate_and_passing_tests_to_a_commit()
    {
        var failing = DeveloperPolicy.Next(History([.. s_edited, ("run_command", [("name", "test")], "test: exit 1\nFAIL test_a")]), s_recipe);
        var passing = DeveloperPolicy.Next(History([.. s_edited, ("run_command", [("name", "test")], "test: exit 0\nOK")]), s_recipe);
        var next = DeveloperPolicy.Next(History([.. s_edited, ("run_command", [("name", "test")], "test: exit 1"), ("read_file", [("path", "src/a.py")], "def f():\n    return 2\n")]), s_recipe);

        Assert.Equal("read_file", failing.Tool);
        Assert.Equal("commit", passing.Tool);
        Assert.Equal(("edit_file", "return 3"), (next.Tool, next.Arguments["new_text"]));
    }

    [Fact]
    public void A_commit_the_linter_refuses_gets_the_formatter_then_another_commit()
    {
        var history = History([.. s_edited, ("run_command", [("name", "test")], "test: exit 0"), ("commit", [("message", "m")], "error: commit refused: lint failed (exit 1). Fix it and commit again.")]);
        var formatted = History([.. s_edited, ("run_command", [("name", "test")], "test: exit 0"), ("commit", [("message", "m")], "error: commit refused: lint failed (exit 1)."), ("run_command", [("name", "format")], "format: exit 0")]);

        Assert.Equal(("run_command", "format"), (DeveloperPolicy.Next(history, s_recipe).Tool, DeveloperPolicy.Next(history, s_recipe).Arguments["name"]));
        Assert.Equal("commit", DeveloperPolicy.Next(formatted, s_recipe).Tool);
    }

    [Fact]
    public void Reviewers_request_changes_when_a_scenario_fails_at_the_head_and_approve_when_all_pass()
    {
        const string Evidence = "## Test evidence\n\n| Scenario | before the implementation | at the head |\n|---|---|---|\n| A | fails | passes |\n| B | fails | {0} |\n";
        var ran = ("run_command", new[] { ("name", "test") }, "test: exit 0");

        var failing = ReviewerPolicy.Next(Briefed(string.Format(System.Globalization.CultureInfo.InvariantCulture, Evidence, "fails"), ran), runsTests: true);
        var passing = ReviewerPolicy.Next(Briefed(string.Format(System.Globalization.CultureInfo.InvariantCulture, Evidence, "passes"), ran), runsTests: true);

        Assert.Equal(("submit_review", "request_changes"), (failing.Tool, failing.Arguments["verdict"]));
        Assert.Contains("- B:", failing.Arguments["body"], StringComparison.Ordinal);
        Assert.Equal(("submit_review", "approve"), (passing.Tool, passing.Arguments["verdict"]));
    }

    private static Transcript Briefed(string briefing, (string Tool, (string, string)[] Arguments, string Result) step)
        => Transcript.Read(
        [
            new ChatMessage(ChatRole.User, briefing),
            new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("c0", step.Tool, step.Arguments.ToDictionary(a => a.Item1, a => (object?)a.Item2))]),
            new ChatMessage(ChatRole.Tool, [new FunctionResultContent("c0", step.Result)]),
        ]);
}
