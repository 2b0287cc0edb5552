using System.Diagnostics;
using Squad.Core.Orchestration;

namespace Squad.Cli.Tests;

/// <summary>
/// Testing ahead in the merge queue (a merge train): two approved squads branched from an older main; while the first
/// one's merge result is tested, the second tests its merge result on the main that will be once the first lands. A
/// merge guardrail (the hook) logs where it runs, and holds the first test in the queue until the test ahead has run, so
/// the overlap is certain. What lands is still exactly what was tested, a wrong prediction is tested again in turn, and
/// a kill during a test ahead leaves nothing behind.
/// </summary>
public sealed class QueueAheadTests : IDisposable
{
    private const int Killed = 128 + 9;
    private readonly QueueScenario scenario = new();
    private readonly string hookLog;
    private readonly string markers;

    public QueueAheadTests()
    {
        markers = Path.Combine(Notes.DataDirectory, "..", "markers");
        Directory.CreateDirectory(markers);
        hookLog = Path.Combine(markers, "hook.log");
        Notes.WriteIssue("NOTE-2.md", """
            ---
            identifier: NOTE-2
            title: Farewell note
            state: todo
            labels: [feature]
            priority: 2
            estimate: 1
            blocked_by: []
            ---
            ## Why
            Visitors should be seen off.

            ## Acceptance criteria
            ```gherkin
            Feature: Farewell
              Scenario: The farewell says goodbye
                Given the notes repository
                When a visitor reads src/farewell.txt
                Then it says "goodbye"
            ```
            """);
        File.AppendAllText(Notes.Script, """
              NOTE-2:
                qa:
                  - - text: "Writing the test for the farewell scenario."
                      calls:
                        - tool: write_file
                          args:
                            path: tests/farewell.sh
                            content: |
                              # Scenario: The farewell says goodbye
                              grep -q "goodbye" src/farewell.txt
                        - tool: commit
                          args: { message: "NOTE-2: test that the farewell says goodbye" }
                    - text: "The farewell scenario maps to tests/farewell.sh."
                developer:
                  - - calls:
                        - tool: write_file
                          args: { path: src/farewell.txt, content: "goodbye, visitor\n" }
                        - tool: commit
                          args: { message: "NOTE-2: add the farewell" }
                    - text: "Adds src/farewell.txt saying goodbye."
                code-reviewer:
                  - - calls:
                        - tool: submit_review
                          args: { verdict: approve, body: "Small and in the right place." }
                    - text: "Approved."
                qa-specialist:
                  - - calls:
                        - tool: submit_review
                          args: { verdict: approve, body: "The farewell scenario is verified by tests/farewell.sh." }
                    - text: "Approved."

            """);
    }

    private NotesFixture Notes => scenario.Notes;

    public void Dispose() => scenario.Dispose();

    [Fact]
    public async Task Run_TwoApprovedSquads_TheSecondTestsAheadWhileTheFirstIsTested_AndLandsThatTreeWithoutTestingAgain()
    {
        var moved = await PrepareAsync(firstQueueTestFails: false);

        var result = await Notes.RunAsync("--no-sandbox");

        Assert.True(result.ExitCode == 0, result.Error);
        var runs = HookRuns();
        // The merge guardrails ran once in a queue copy (the first squad's) and once ahead (the second's): never twice.
        var first = Assert.Single(runs, r => r.EndsWith("-queue", StringComparison.Ordinal));
        var ahead = Assert.Single(runs, r => r.EndsWith("-ahead", StringComparison.Ordinal));
        var (holder, waiter) = (IssueOf(first), IssueOf(ahead));
        Assert.NotEqual(holder, waiter);
        var holderMerge = Merged(result, holder);
        var waiterMerge = Merged(result, waiter);
        Assert.Equal(moved, await Notes.GitAsync("rev-parse", holderMerge + "^"));
        Assert.Equal(holderMerge, await Notes.GitAsync("rev-parse", waiterMerge + "^"));
        Assert.Equal(waiterMerge, await Notes.GitAsync("rev-parse", "main"));
        Assert.Contains(result.ErrorLines, line => line.Contains("queue: testing ahead while #", StringComparison.Ordinal));
        // At its turn the second squad's merge result is the tree tested ahead: the recorded result answers, and that tree lands.
        var tree = await Notes.GitAsync("rev-parse", waiterMerge + "^{tree}");
        Assert.Contains(result.ErrorLines, line => line.Contains($"queue: tree {tree[..12]} already ran lint, test, train", StringComparison.Ordinal)
            && line.Contains("result reused", StringComparison.Ordinal));
        Assert.Equal("goodbye, visitor", await Notes.ShowOnMainAsync("src/farewell.txt"));
        Assert.Equal("hello, visitor", await Notes.ShowOnMainAsync("src/greeting.txt"));
        Assert.Empty(TreeFolders.Leftovers(Notes.DataDirectory));
    }

    [Fact]
    public async Task Run_TheFirstSquadsMergeResultFails_TheTestAheadWasOnAMainThatNeverCame_TheSecondIsTestedAgainInItsTurn()
    {
        var moved = await PrepareAsync(firstQueueTestFails: true);

        var result = await Notes.RunAsync("--no-sandbox", "--max-conflict-rounds", "0");

        var runs = HookRuns();
        var queued = runs.Where(r => r.EndsWith("-queue", StringComparison.Ordinal)).ToList();
        var ahead = Assert.Single(runs, r => r.EndsWith("-ahead", StringComparison.Ordinal));
        var (holder, waiter) = (IssueOf(queued[0]), IssueOf(ahead));
        Assert.NotEqual(holder, waiter);
        Assert.Equal("needs-human", result.Squad(holder).GetProperty("outcome").GetString());
        // The second squad's test ahead assumed the first would land; it did not, so its turn tested its real merge result.
        Assert.Equal([holder, waiter], queued.Select(IssueOf));
        var waiterMerge = Merged(result, waiter);
        Assert.Equal(moved, await Notes.GitAsync("rev-parse", waiterMerge + "^"));
        Assert.Equal(waiterMerge, await Notes.GitAsync("rev-parse", "main"));
        var tree = await Notes.GitAsync("rev-parse", waiterMerge + "^{tree}");
        Assert.DoesNotContain(result.ErrorLines, line => line.Contains($"queue: tree {tree[..12]} already ran", StringComparison.Ordinal));
        var holderFile = holder == "NOTE-1" ? "src/greeting.txt" : "src/farewell.txt";
        Assert.False((await new Squad.Core.Git.GitCli().TryRunAsync(Notes.BareRepository, ["cat-file", "-e", $"main:{holderFile}"])).Succeeded,
            $"{holderFile} of the squad whose merge result failed reached main");
        Assert.Empty(TreeFolders.Leftovers(Notes.DataDirectory));
    }

    [Fact]
    public async Task Run_KilledWhileTestingAhead_TheNextRunClearsTheCopyAndLandsEachSquadOnce()
    {
        var moved = await PrepareAsync(firstQueueTestFails: false);

        var crashed = await RunChildAsync(CrashPoint.QueueAheadRan);
        Assert.True(crashed == Killed, $"the run was meant to die at {CrashPoint.QueueAheadRan}, but ended with {crashed}");
        Assert.Contains(TreeFolders.Leftovers(Notes.DataDirectory), path => path.EndsWith("-ahead", StringComparison.Ordinal));
        Assert.Equal(moved, await Notes.GitAsync("rev-parse", "main"));

        var resumed = await Notes.RunAsync("--no-sandbox");

        Assert.True(resumed.ExitCode == 0, resumed.Error);
        foreach (var issue in new[] { "NOTE-1", "NOTE-2" })
        {
            var merge = Merged(resumed, issue);
            var squashes = await Notes.GitAsync("log", "main", "--format=%H", "--fixed-strings", $"--grep=Squad-Issue: {issue}");
            Assert.Equal(merge, Assert.Single(squashes.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        }

        Assert.Equal(2, (await Notes.GitAsync("for-each-ref", "--format=%(refname)", "refs/pull/")).Split('\n').Length);
        Assert.Empty(TreeFolders.Leftovers(Notes.DataDirectory));
    }

    [Fact]
    public async Task Run_WithASetUp_NeverTestsAhead_ContentThatHasNotLandedGetsNoNetwork()
    {
        await PrepareAsync(firstQueueTestFails: false, setup: true);

        var result = await Notes.RunAsync("--no-sandbox");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.DoesNotContain(HookRuns(), r => r.EndsWith("-ahead", StringComparison.Ordinal));
        Assert.DoesNotContain(result.ErrorLines, line => line.Contains("testing ahead", StringComparison.Ordinal));
        Merged(result, "NOTE-1");
        Merged(result, "NOTE-2");
    }

    /// <summary>
    /// Both squads' branches at today's main, then main moves (so neither merge result is a tested head); the merge
    /// guardrails gain the hook. Returns the moved main.
    /// </summary>
    private async Task<string> PrepareAsync(bool firstQueueTestFails, bool setup = false)
    {
        var hook = Path.Combine(markers, "train.sh");
        // The first test in a queue copy waits (up to 30 s) for a test ahead to have run, then passes or fails.
        await File.WriteAllTextAsync(hook, $"""
            echo "$PWD" >> '{hookLog}'
            case "$PWD" in
              *-ahead) touch '{markers}/ahead-ran' ;;
              *-queue)
                if [ ! -e '{markers}/first-queue' ]; then
                  touch '{markers}/first-queue'
                  i=0
                  while [ ! -e '{markers}/ahead-ran' ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done
                  {(firstQueueTestFails ? "exit 1" : "exit 0")}
                fi ;;
            esac
            exit 0
            """);
        var config = Path.Combine(Notes.Repository, ".squad.yml");
        var text = (await File.ReadAllTextAsync(config))
            .Replace("  test: sh tools/run-tests.sh", $"  test: sh tools/run-tests.sh\n  train: sh '{hook}'\n  restore: \"true\"", StringComparison.Ordinal)
            .Replace("merge: [lint, test]", "merge: [lint, test, train]", StringComparison.Ordinal);
        await File.WriteAllTextAsync(config, setup ? "setup: [restore]\n" + text : text);
        await scenario.ImportAsync();
        await Notes.GitAsync("update-ref", "refs/heads/" + QueueScenario.Branch, "refs/heads/main");
        await Notes.GitAsync("update-ref", "refs/heads/squad/note-2-farewell-note", "refs/heads/main");
        return await scenario.LandOnMainAsync("Another squad's change lands", ("src/other.txt", "other\n"));
    }

    private List<string> HookRuns() => File.Exists(hookLog) ? [.. File.ReadAllLines(hookLog)] : [];

    /// <summary>The issue a copy belongs to: its folder is named after the squad (<c>…/NOTE-2-ahead</c>).</summary>
    private static string IssueOf(string copy) => Path.GetFileName(copy)[..6];

    private static string Merged(CliResult result, string issue)
    {
        var squad = result.Squad(issue);
        Assert.True(squad.GetProperty("outcome").GetString() == "merged", $"{issue} ended {squad}\n{result.Error}");
        return squad.GetProperty("mergeCommit").GetString()!;
    }

    private async Task<int> RunChildAsync(string point)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])[Path.Combine(AppContext.BaseDirectory, "squad.dll"), "run", Notes.Milestone, "--data-dir", Notes.DataDirectory, "--json", "--no-sandbox"])
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
