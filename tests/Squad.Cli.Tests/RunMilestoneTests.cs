using Squad.Core.Orchestration;

namespace Squad.Cli.Tests;

public sealed class RunMilestoneTests : IDisposable
{
    private readonly NotesFixture notes = new();

    public void Dispose() => notes.Dispose();

    [Fact]
    public async Task Run_MilestoneWithAnUnrefinedIssue_RefusesItWithTheReasonAndMergesTheOther()
    {
        var result = await notes.RunAsync();

        // Refused for refinement is no failure: the tracker says what is missing, and the run exits 0.
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("merged", result.Squad("NOTE-1").GetProperty("outcome").GetString());
        var refused = result.Squad("NOTE-2");
        Assert.Equal("refused", refused.GetProperty("outcome").GetString());
        Assert.Contains("no acceptance criteria", refused.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var comments = await File.ReadAllTextAsync(Path.Combine(notes.Milestone, "NOTE-2.comments.md"));
        Assert.Contains("NOTE-2 has no acceptance criteria", comments, StringComparison.Ordinal);
        Assert.Contains("squad:refused", await File.ReadAllTextAsync(Path.Combine(notes.Milestone, "NOTE-2.md")), StringComparison.Ordinal);
        Assert.False(refused.TryGetProperty("pullRequest", out _));
    }

    [Fact]
    public async Task Run_MergedIssue_LandsASquashCommitOnMainFormattedAndTrackedAsDone()
    {
        var result = await notes.RunAsync();

        var squad = result.Squad("NOTE-1");
        var mergeCommit = squad.GetProperty("mergeCommit").GetString();
        Assert.Equal(mergeCommit, await notes.GitAsync("rev-parse", "main"));
        Assert.Equal("hello, visitor\n", await notes.ShowOnMainAsync("src/greeting.txt") + "\n");
        Assert.Equal("Squad", await notes.GitAsync("log", "-1", "--format=%an", "main"));
        var issue = await File.ReadAllTextAsync(Path.Combine(notes.Milestone, "NOTE-1.md"));
        Assert.Contains("state: done", issue, StringComparison.Ordinal);
        Assert.Contains("local-forge://notes/pull/1", issue, StringComparison.Ordinal);
        var pullRequest = squad.GetProperty("pullRequest");
        Assert.Equal("merged", pullRequest.GetProperty("state").GetString());
        var authors = pullRequest.GetProperty("commits").EnumerateArray().Select(c => c.GetProperty("author").GetString()).ToList();
        Assert.Equal(["Squad QA", "Squad Developer"], authors);
        var reviewers = pullRequest.GetProperty("reviews").EnumerateArray().Select(r => r.GetProperty("author").GetString()).Order().ToList();
        Assert.Equal(["squad-code-reviewer", "squad-qa-specialist"], reviewers);
        // Main did not move after the review: the merge result is the head's tree, which the reviewers' evidence already
        // ran the merge guardrails on in a pristine copy, so the queue reuses that run and says so.
        Assert.Contains(result.ErrorLines, line => line.Contains("queue: tree ", StringComparison.Ordinal)
            && line.Contains("already ran lint, test in the sandbox under the same rules (passed): result reused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_SameDataDirectoryTwice_CreatesNoNewPullRequestCommitOrComment()
    {
        var first = await notes.RunAsync();
        var mainBefore = await notes.GitAsync("rev-parse", "main");
        var refsBefore = await notes.GitAsync("for-each-ref");
        var commentsBefore = CommentFiles();
        var issueBefore = await File.ReadAllTextAsync(Path.Combine(notes.Milestone, "NOTE-1.md"));

        var second = await notes.RunAsync();

        Assert.Equal(first.ExitCode, second.ExitCode);
        Assert.Equal(mainBefore, await notes.GitAsync("rev-parse", "main"));
        Assert.Equal(refsBefore, await notes.GitAsync("for-each-ref"));
        Assert.Equal(commentsBefore, CommentFiles());
        Assert.Equal(issueBefore, await File.ReadAllTextAsync(Path.Combine(notes.Milestone, "NOTE-1.md")));
        var pullRequest = second.Squad("NOTE-1").GetProperty("pullRequest");
        Assert.Equal(1, pullRequest.GetProperty("number").GetInt32());
        Assert.Equal(
            first.Squad("NOTE-1").GetProperty("pullRequest").GetProperty("comments").GetArrayLength(),
            pullRequest.GetProperty("comments").GetArrayLength());
        Assert.Equal(2, pullRequest.GetProperty("reviews").GetArrayLength());
    }

    [Fact]
    public async Task Run_ReviewerAsksForAWriteTool_IsRefusedByTheRuntimeAndChangesNothing()
    {
        var script = await File.ReadAllTextAsync(notes.Script);
        script = script.Replace(
            "            - tool: read_file\n              args: { path: src/greeting.txt }",
            "            - tool: write_file\n              args: { path: src/greeting.txt, content: \"pwned\" }\n            - tool: commit\n              args: { message: sneaky }",
            StringComparison.Ordinal);
        await File.WriteAllTextAsync(notes.Script, script);

        var result = await notes.RunAsync();

        Assert.Equal("merged", result.Squad("NOTE-1").GetProperty("outcome").GetString());
        Assert.Equal("hello, visitor", await notes.ShowOnMainAsync("src/greeting.txt"));
        var authors = result.Squad("NOTE-1").GetProperty("pullRequest").GetProperty("commits").EnumerateArray()
            .Select(c => c.GetProperty("author").GetString());
        Assert.DoesNotContain("Squad Code Reviewer", authors);
    }

    [Fact]
    public async Task Run_ReviewerRunsTheTestsTheEvidenceRan_IsAnsweredFromThePristineRecord_AndRunsWhatDiffers()
    {
        var script = (await File.ReadAllTextAsync(notes.Script)).Replace(
            "    qa-specialist:\n      - - calls:\n            - tool: submit_review",
            "    qa-specialist:\n      - - calls:\n            - tool: run_command\n              args: { name: test }\n"
            + "            - tool: run_command\n              args: { name: test, args: [greeting] }\n            - tool: submit_review",
            StringComparison.Ordinal);
        await File.WriteAllTextAsync(notes.Script, script);

        var result = await notes.RunAsync();

        Assert.Equal("merged", result.Squad("NOTE-1").GetProperty("outcome").GetString());
        var recorded = Assert.Single(result.ErrorLines, line => line.Contains("recorded result: `test` already ran on tree", StringComparison.Ordinal));
        Assert.Contains("in a pristine sandboxed copy under the same rules, after `lint`", recorded, StringComparison.Ordinal);

        // The head's tests ran once, as the Developer's commit checks in a pristine copy of the staged tree; the reviewers'
        // evidence, the queue and post-merge verification reused that run, and one reviewer command was answered from it.
        Assert.Single(result.ErrorLines, line => line.Contains("commit checks on tree ", StringComparison.Ordinal));
        Assert.Contains(result.ErrorLines, line => line.Contains("the reviewers' evidence: tree ", StringComparison.Ordinal)
            && line.Contains("already ran lint, test in the sandbox under the same rules (passed)", StringComparison.Ordinal));
        var guardrails = result.Json().GetProperty("guardrails");
        Assert.Equal(1, guardrails.GetProperty("pristineRuns").GetInt32());
        Assert.Equal(3, guardrails.GetProperty("runsReused").GetInt32());
        Assert.Equal(1, guardrails.GetProperty("reviewerCommandsReused").GetInt32());
    }

    [Fact]
    public async Task Run_ReviewerShellAfterTheDevelopersCommitChecks_RunsInThatCommitsPristineCopy()
    {
        var script = (await File.ReadAllTextAsync(notes.Script)).Replace(
            "    qa-specialist:\n      - - calls:\n            - tool: submit_review",
            "    qa-specialist:\n      - - calls:\n            - tool: shell\n              args: { command: \"pwd; ls\" }\n        - calls:\n            - tool: submit_review",
            StringComparison.Ordinal);
        await File.WriteAllTextAsync(notes.Script, script);

        var result = await notes.RunAsync();

        Assert.Equal("merged", result.Squad("NOTE-1").GetProperty("outcome").GetString());
        // The evidence reused the Developer's commit checks, so the reviewers' commands run in the copy those checks ran in
        // (same tree, set up on the same base) instead of a new copy; the answer, in the stored conversation, shows where.
        var conversations = string.Concat(Directory.EnumerateFiles(Path.Combine(notes.DataDirectory, "trajectories"), "*", SearchOption.AllDirectories)
            .Select(File.ReadAllText));
        Assert.Contains("NOTE-1-commit", conversations, StringComparison.Ordinal);
        Assert.DoesNotContain("NOTE-1-review-commands", conversations, StringComparison.Ordinal);
        Assert.Empty(TreeFolders.Leftovers(notes.DataDirectory));

        // On a machine with a tmpfs at /dev/shm (this one), the copy was in this data directory's private folder in memory,
        // bound into the sandbox at the same path.
        if (TreeFolders.InMemory)
        {
            Assert.Contains(Path.Combine(WorktreeMemory.TreesFolder(notes.DataDirectory), "notes", "NOTE-1-commit"), conversations, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Run_ReviewersNeverApprove_StopsAsNeedsHumanAndLeavesThePullRequestOpen()
    {
        var script = (await File.ReadAllTextAsync(notes.Script)).Replace(
            "args: { verdict: approve, body: \"Small and in the right place.\" }",
            "args: { verdict: request_changes, body: \"Rename the file.\" }",
            StringComparison.Ordinal);
        await File.WriteAllTextAsync(notes.Script, script);

        var result = await notes.RunAsync("--max-rounds", "1");

        var squad = result.Squad("NOTE-1");
        Assert.Equal("needs-human", squad.GetProperty("outcome").GetString());
        Assert.Contains("no agreement after 1 review rounds", squad.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("open", squad.GetProperty("pullRequest").GetProperty("state").GetString());
        Assert.Contains("squad:needs-human", await File.ReadAllTextAsync(Path.Combine(notes.Milestone, "NOTE-1.md")), StringComparison.Ordinal);
        Assert.DoesNotContain("greeting", await notes.GitAsync("ls-tree", "-r", "--name-only", "main"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PullRequestTouchingAWorkflow_IsLeftOpenForAPerson()
    {
        var script = (await File.ReadAllTextAsync(notes.Script)).Replace(
            "            - tool: write_file\n              args: { path: src/greeting.txt, content: \"hello, visitor   \\n\" }",
            "            - tool: write_file\n              args: { path: src/greeting.txt, content: \"hello, visitor   \\n\" }\n            - tool: write_file\n              args: { path: .github/workflows/ci.yml, content: \"on: push\\n\" }",
            StringComparison.Ordinal);
        await File.WriteAllTextAsync(notes.Script, script);

        var result = await notes.RunAsync();

        var squad = result.Squad("NOTE-1");
        Assert.Equal("needs-human", squad.GetProperty("outcome").GetString());
        Assert.Contains("protected path .github/workflows/ci.yml", squad.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("open", squad.GetProperty("pullRequest").GetProperty("state").GetString());
        Assert.DoesNotContain("greeting", await notes.GitAsync("ls-tree", "-r", "--name-only", "main"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_IssueBlockedByARefusedIssue_EndsBlockedWithoutASquad()
    {
        notes.WriteIssue("NOTE-3.md", """
            ---
            identifier: NOTE-3
            title: Depends on the farewell
            state: todo
            blocked_by: [NOTE-2]
            ---
            ```gherkin
            Feature: After farewell
              Scenario: Never starts
                Given the farewell exists
                Then nothing
            ```
            """);

        var result = await notes.RunAsync();

        var squad = result.Squad("NOTE-3");
        Assert.Equal("blocked", squad.GetProperty("outcome").GetString());
        Assert.Contains("blocked by NOTE-2, which ended Refused", squad.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("merged", result.Squad("NOTE-1").GetProperty("outcome").GetString());
    }

    private string CommentFiles()
        => string.Join("\n", Directory.EnumerateFiles(notes.Milestone, "*.comments.md").Order().Select(File.ReadAllText));
}
