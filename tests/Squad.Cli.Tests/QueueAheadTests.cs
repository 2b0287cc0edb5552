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
        // A second refined issue beside NOTE-1, adding its own file: CL-2 ("Note 2", src/note-2.txt).
        Notes.WriteIssue("CL-2.md", ClusterMilestone.Issue(2));
        File.AppendAllText(Notes.Script, ClusterMilestone.Responses(2));
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
        // The first landed exactly as predicted: the second's turn took the tree tested ahead on that landing, fetching nothing.
        Assert.Contains(result.ErrorLines, line => line.Contains($"queue: testing the merge result of", StringComparison.Ordinal)
            && line.Contains($"on main {holderMerge[..12]} (attempt 1): the one tested ahead", StringComparison.Ordinal));
        Assert.Equal("note 2", await Notes.ShowOnMainAsync("src/note-2.txt"));
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
        var holderFile = holder == "NOTE-1" ? "src/greeting.txt" : "src/note-2.txt";
        Assert.False((await new Squad.Core.Git.GitCli().TryRunAsync(Notes.BareRepository, ["cat-file", "-e", $"main:{holderFile}"])).Succeeded,
            $"{holderFile} of the squad whose merge result failed reached main");
        Assert.Empty(TreeFolders.Leftovers(Notes.DataDirectory));
    }

    [Fact]
    public async Task Run_KilledWhileTestingAhead_TheNextRunClearsTheCopyAndLandsEachSquadOnce()
    {
        var moved = await PrepareAsync(firstQueueTestFails: false);

        var crashed = (await RedMain.RunChildAsync(CrashPoint.QueueAheadRan, "run", Notes.Milestone, "--data-dir", Notes.DataDirectory, "--json", "--no-sandbox")).ExitCode;
        Assert.True(crashed == Killed, $"the run was meant to die at {CrashPoint.QueueAheadRan}, but ended with {crashed}");
        Assert.Contains(TreeFolders.Leftovers(Notes.DataDirectory), path => path.EndsWith("-ahead", StringComparison.Ordinal));
        Assert.Equal(moved, await Notes.GitAsync("rev-parse", "main"));

        var resumed = await Notes.RunAsync("--no-sandbox");

        Assert.True(resumed.ExitCode == 0, resumed.Error);
        foreach (var issue in new[] { "NOTE-1", "CL-2" })
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
        Merged(result, "CL-2");
    }

    /// <summary>
    /// Both squads' branches at today's main, then main moves (so neither merge result is a tested head); the merge
    /// guardrails gain the hook. Returns the moved main.
    /// </summary>
    private async Task<string> PrepareAsync(bool firstQueueTestFails, bool setup = false)
    {
        var hook = Path.Combine(markers, "train.sh");
        // The first test in a queue copy waits (up to 30 s) for a test ahead to have run, then passes or fails. With a set-up
        // no test ahead may come: 5 s is long enough for the second squad's to have started (under 2 s where it is allowed).
        var tenths = setup ? 50 : 300;
        await File.WriteAllTextAsync(hook, $"""
            echo "$PWD" >> '{hookLog}'
            case "$PWD" in
              *-ahead) touch '{markers}/ahead-ran' ;;
              *-queue)
                if [ ! -e '{markers}/first-queue' ]; then
                  touch '{markers}/first-queue'
                  i=0
                  while [ ! -e '{markers}/ahead-ran' ] && [ $i -lt {tenths} ]; do sleep 0.1; i=$((i+1)); done
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
        await Notes.GitAsync("update-ref", "refs/heads/squad/cl-2-note-2", "refs/heads/main");
        return await scenario.LandOnMainAsync("Another squad's change lands", ("src/other.txt", "other\n"));
    }

    private List<string> HookRuns() => File.Exists(hookLog) ? [.. File.ReadAllLines(hookLog)] : [];

    /// <summary>The issue a copy belongs to: its folder is the squad's name and the copy's (<c>…/CL-2-ahead</c>).</summary>
    private static string IssueOf(string copy) => Path.GetFileName(copy)[..Path.GetFileName(copy).LastIndexOf('-')];

    private static string Merged(CliResult result, string issue)
    {
        var squad = result.Squad(issue);
        Assert.True(squad.GetProperty("outcome").GetString() == "merged", $"{issue} ended {squad}\n{result.Error}");
        return squad.GetProperty("mergeCommit").GetString()!;
    }
}
