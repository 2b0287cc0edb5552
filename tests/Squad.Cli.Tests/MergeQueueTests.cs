using System.Diagnostics;
using Squad.Core.Orchestration;

namespace Squad.Cli.Tests;

/// <summary>
/// The merge queue end to end (scripted agents, the local forge, real git): it lands the merge result it tested on the
/// current main, sends textual and semantic conflicts back to the Developer for a bounded number of rounds, tests again
/// when main moves under it, and merges exactly once across kill -9.
/// </summary>
public sealed class MergeQueueTests : IDisposable
{
    private const int Killed = 128 + 9;
    private readonly QueueScenario scenario = new();

    private NotesFixture Notes => scenario.Notes;

    public void Dispose() => scenario.Dispose();

    [Fact]
    public async Task Run_TextualConflictWithMain_DeveloperResolvesBothReviewersApproveTheNewHeadAndItMerges()
    {
        var moved = await scenario.MoveMainAfterBranchingAsync(("src/greeting.txt", "hi there\n"));
        scenario.AddConflictRound("src/greeting.txt", "hello, visitor (hi there)\n");

        var result = await Notes.RunAsync();

        var squad = MergedSquad(result);
        Assert.Equal(1, squad.GetProperty("conflictRounds").GetInt32());
        Assert.Equal("hello, visitor (hi there)", await Notes.ShowOnMainAsync("src/greeting.txt"));
        Assert.Equal(moved, await Notes.GitAsync("rev-parse", "main^"));
        await AssertBothReviewersApprovedTheMergedHeadAsync(squad);
        Assert.Contains("textual conflict with main in src/greeting.txt", result.Error, StringComparison.Ordinal);
        Assert.Contains("conflict round 1 of 2", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MergeResultFailsWhileTheHeadAlonePasses_SemanticConflictGoesBackToTheDeveloperAndMerges()
    {
        // Alone, main passes (no greeting yet) and so does the head; together the new test rejects the head's greeting.
        await scenario.MoveMainAfterBranchingAsync(("tests/polite.sh", "# Nobody is called a visitor\n! grep -rq visitor src\n"));
        scenario.AddConflictRound("src/greeting.txt", "hello, guest\n");

        var result = await Notes.RunAsync();

        var squad = MergedSquad(result);
        Assert.Equal(1, squad.GetProperty("conflictRounds").GetInt32());
        Assert.Equal("hello, guest", await Notes.ShowOnMainAsync("src/greeting.txt"));
        Assert.Contains("semantic conflict", result.Error, StringComparison.Ordinal);
        Assert.Contains("alone", result.Error, StringComparison.Ordinal);
        await AssertBothReviewersApprovedTheMergedHeadAsync(squad);
    }

    [Fact]
    public async Task Run_NoConflictRoundsLeft_HandsThePullRequestToAPersonWithTheReason()
    {
        await scenario.MoveMainAfterBranchingAsync(("src/greeting.txt", "hi there\n"));

        var result = await Notes.RunAsync("--max-conflict-rounds", "0");

        var squad = result.Squad("NOTE-1");
        Assert.Equal("needs-human", squad.GetProperty("outcome").GetString());
        Assert.Contains("after 0 conflict rounds (textual conflict with main in src/greeting.txt)", squad.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("hi there", await Notes.ShowOnMainAsync("src/greeting.txt"));
        Assert.Contains("squad:needs-human", await File.ReadAllTextAsync(Path.Combine(Notes.Milestone, "NOTE-1.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MainMovesWhileTheMergeResultIsTested_TestsAgainOnTheNewMainAndLandsThatTree()
    {
        var marker = Path.Combine(Notes.DataDirectory, "..", "moved");
        var hook = Path.Combine(Notes.DataDirectory, "..", "move-main.sh");
        // A merge guardrail that lands another change on main the first time the queue runs it (not in the reviewers'
        // evidence copy): main moves during the queue's test. Main moved after branching too, so the merge result is not
        // the head's tree and the queue cannot reuse the evidence run.
        await File.WriteAllTextAsync(hook, $"""
            case "$PWD" in *-evidence*) exit 0 ;; esac
            [ -e '{marker}' ] && exit 0
            touch '{marker}'
            tmp=$(mktemp -d)
            git clone -q '{Notes.BareRepository}' "$tmp/c" && cd "$tmp/c" && echo moved > src/moved.txt && git add -A &&
              git -c user.name=Other -c user.email=other@squad.local commit -qm 'Lands while the queue tests' && git push -q origin HEAD:main
            """);
        var config = Path.Combine(Notes.Repository, ".squad.yml");
        await File.WriteAllTextAsync(config, (await File.ReadAllTextAsync(config))
            .Replace("  test: sh tools/run-tests.sh", $"  test: sh tools/run-tests.sh\n  move: sh '{hook}'", StringComparison.Ordinal)
            .Replace("merge: [lint, test]", "merge: [lint, test, move]", StringComparison.Ordinal));
        await scenario.MoveMainAfterBranchingAsync(("src/other.txt", "other\n"));

        var result = await Notes.RunAsync("--no-sandbox");

        var squad = MergedSquad(result);
        Assert.Contains("moved while the merge result was tested: testing again", result.Error, StringComparison.Ordinal);
        var merge = squad.GetProperty("mergeCommit").GetString()!;
        Assert.Equal("Lands while the queue tests", await Notes.GitAsync("log", "-1", "--format=%s", merge + "^"));
        var head = squad.GetProperty("pullRequest").GetProperty("headSha").GetString()!;
        var tested = (await Notes.GitAsync("merge-tree", "--write-tree", merge + "^", head)).Split('\n')[0];
        Assert.Equal(tested, await Notes.GitAsync("rev-parse", merge + "^{tree}"));
        Assert.Equal("moved", await Notes.ShowOnMainAsync("src/moved.txt"));
        Assert.Equal("hello, visitor", await Notes.ShowOnMainAsync("src/greeting.txt"));
    }

    [Theory]
    [InlineData(CrashPoint.QueueTested)] // the merge result is tested, nothing landed
    [InlineData(CrashPoint.ConflictCommitted)] // the conflict round's merge is committed, not pushed
    [InlineData("effect:after:push:conflict-round:1")] // the resolved head is pushed, not recorded
    public async Task Run_KilledAroundTheQueueThenRunAgain_MergesExactlyOnceWithOnePullRequest(string point)
    {
        await scenario.MoveMainAfterBranchingAsync(("src/greeting.txt", "hi there\n"));
        scenario.AddConflictRound("src/greeting.txt", "hello, visitor (hi there)\n");

        var crashed = await RunChildAsync(point);
        Assert.True(crashed == Killed, $"the run was meant to die at {point}, but ended with {crashed}");
        var resumed = await Notes.RunAsync();

        var squad = MergedSquad(resumed);
        var squashes = await Notes.GitAsync("log", "main", "--format=%H", "--fixed-strings", "--grep=Squad-Issue: NOTE-1");
        Assert.Equal(squad.GetProperty("mergeCommit").GetString(), Assert.Single(squashes.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal("refs/pull/1/head", await Notes.GitAsync("for-each-ref", "--format=%(refname)", "refs/pull/"));
        Assert.Equal("hello, visitor (hi there)", await Notes.ShowOnMainAsync("src/greeting.txt"));
    }

    private static System.Text.Json.JsonElement MergedSquad(CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.Error);
        var squad = result.Squad("NOTE-1");
        Assert.True(squad.GetProperty("outcome").GetString() == "merged", $"NOTE-1 ended {squad}\n{result.Error}");
        return squad;
    }

    /// <summary>Exact-SHA rule after a conflict round: the head that merged carries both approvals, made after the round.</summary>
    private static Task AssertBothReviewersApprovedTheMergedHeadAsync(System.Text.Json.JsonElement squad)
    {
        var pullRequest = squad.GetProperty("pullRequest");
        var head = pullRequest.GetProperty("headSha").GetString();
        var approvals = pullRequest.GetProperty("reviews").EnumerateArray()
            .Where(r => r.GetProperty("commitSha").GetString() == head && r.GetProperty("verdict").GetString() == "approve")
            .Select(r => r.GetProperty("author").GetString()).ToHashSet();
        Assert.Equal(new HashSet<string?> { "squad-code-reviewer", "squad-qa-specialist" }, approvals);
        Assert.Equal(4, pullRequest.GetProperty("reviews").GetArrayLength());
        return Task.CompletedTask;
    }

    private async Task<int> RunChildAsync(string point)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])[Path.Combine(AppContext.BaseDirectory, "squad.dll"), "run", Notes.Milestone, "--data-dir", Notes.DataDirectory, "--json"])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment[CrashPoint.Variable] = point;
        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEndAsync();
        var error = child.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await child.WaitForExitAsync(timeout.Token);
        await Task.WhenAll(output, error);
        return child.ExitCode;
    }
}
