using System.Diagnostics;
using System.Text.RegularExpressions;
using Squad.Core.Orchestration;

namespace Squad.Cli.Tests;

/// <summary>
/// Crash safety with a real kill -9: the CLI runs the notes milestone as a child process that kills itself at a named
/// point (<see cref="CrashPoint"/>), then a second run on the same data directory finishes the work. Whatever the point,
/// the issue is merged once, with one pull request, and nothing is said twice on the issue or the pull request.
/// </summary>
public sealed partial class CrashResumeTests : IDisposable
{
    private const int Killed = 128 + 9;

    private readonly NotesFixture notes = new();

    public void Dispose() => notes.Dispose();

    [Theory]
    [InlineData("effect:before:tracker:pr-comment")] // the intent is stored, the comment not posted
    [InlineData("effect:after:tracker:pr-comment")] // the comment is posted, not recorded: found by its marker
    [InlineData("step:before:qa-tests")] // QA's commits are pushed, the step is not stored
    [InlineData("step:before:implementation")] // the Developer's commits are pushed, the step is not stored
    [InlineData(CrashPoint.CommitChecked)] // the Developer's commit checks ran in a pristine copy, still there; nothing committed
    [InlineData(CrashPoint.ForgeMergeMoved)] // the forge moved main, the merge is not recorded
    [InlineData(CrashPoint.AfterMerge)] // merged, the tracker not told
    [InlineData("effect:after:tracker:merged-comment")] // the last comment posted, not recorded
    public async Task Run_KilledAtAPointThenRunAgain_MergesOnceAndSaysEverythingOnce(string point)
    {
        var crashed = await RunChildAsync(point);
        Assert.True(crashed.ExitCode == Killed, $"the run was meant to die at {point}, but ended with {crashed.ExitCode}:\n{crashed.Error}");

        var resumed = await notes.RunAsync();

        Assert.Equal(0, resumed.ExitCode); // NOTE-2 has no acceptance criteria: refused, which is no failure
        var squad = resumed.Squad("NOTE-1");
        Assert.True(squad.GetProperty("outcome").GetString() == "merged", $"NOTE-1 ended {squad}");
        var squashes = await notes.GitAsync("log", "main", "--format=%H", "--fixed-strings", "--grep=Squad-Issue: NOTE-1");
        Assert.Equal(squad.GetProperty("mergeCommit").GetString(), Assert.Single(squashes.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal(squad.GetProperty("mergeCommit").GetString(), await notes.GitAsync("rev-parse", "main"));
        Assert.Equal("hello, visitor", await notes.ShowOnMainAsync("src/greeting.txt"));
        Assert.Equal("refs/pull/1/head", await notes.GitAsync("for-each-ref", "--format=%(refname)", "refs/pull/"));
        Assert.Contains("state: done", await File.ReadAllTextAsync(Path.Combine(notes.Milestone, "NOTE-1.md")), StringComparison.Ordinal);
        AssertEachOnce(await File.ReadAllTextAsync(Path.Combine(notes.Milestone, "NOTE-1.comments.md")),
            "tracker:pr-comment", "tracker:merged-comment");
        AssertEachOnce(await File.ReadAllTextAsync(Path.Combine(notes.Milestone, "NOTE-2.comments.md")), "tracker:refused:");
        var prComments = squad.GetProperty("pullRequest").GetProperty("comments").EnumerateArray().Select(c => c.GetProperty("body").GetString()!).ToList();
        Assert.Equal(prComments.Count, prComments.Distinct(StringComparer.Ordinal).Count());
        Assert.Empty(LeftoverWorktrees());
    }

    [Fact]
    public async Task Run_KilledAfterTheCommitChecksPassed_ResumeReusesTheRecordedResultInsteadOfTestingAgain()
    {
        var crashed = await RunChildAsync(CrashPoint.CommitRecorded);
        Assert.True(crashed.ExitCode == Killed, $"the run was meant to die at {CrashPoint.CommitRecorded}, but ended with {crashed.ExitCode}:\n{crashed.Error}");

        var resumed = await notes.RunAsync();

        Assert.Equal("merged", resumed.Squad("NOTE-1").GetProperty("outcome").GetString());
        // The Developer's pass plays again and commits the same tree: its checks, the reviewers' evidence, the queue and
        // post-merge verification are all answered by the run the killed process recorded in the state database.
        Assert.Contains(resumed.ErrorLines, line => line.Contains("the commit's checks: tree ", StringComparison.Ordinal)
            && line.Contains("already ran lint, test", StringComparison.Ordinal));
        Assert.Equal(0, resumed.Json().GetProperty("guardrails").GetProperty("pristineRuns").GetInt32());
        Assert.Empty(LeftoverWorktrees());
    }

    [Fact]
    public async Task Run_KilledWithTheCommitsCopyInMemory_ThenRunWithTreesOnDisk_ClearsTheMemoryAndMergesOnce()
    {
        var crashed = await RunChildAsync(CrashPoint.CommitChecked);
        Assert.True(crashed.ExitCode == Killed, $"the run was meant to die at {CrashPoint.CommitChecked}, but ended with {crashed.ExitCode}:\n{crashed.Error}");
        var inMemory = WorktreeMemory.TreesFolder(notes.DataDirectory);
        var leftInMemory = Directory.Exists(inMemory) ? Directory.GetDirectories(inMemory).SelectMany(Directory.GetDirectories).ToList() : [];

        var resumed = await RunChildAsync(point: null, worktrees: "disk");

        Assert.True(resumed.ExitCode == 0, $"the resumed run ended with {resumed.ExitCode}:\n{resumed.Error}");
        Assert.Equal("merged", resumed.Squad("NOTE-1").GetProperty("outcome").GetString());
        Assert.Equal("hello, visitor", await notes.ShowOnMainAsync("src/greeting.txt"));
        Assert.Empty(LeftoverWorktrees());
        Assert.All(leftInMemory, path => Assert.False(Directory.Exists(path), $"{path} outlived the run that resumed the killed one"));
        Assert.True(Directory.Exists(Path.Combine(notes.DataDirectory, "worktrees", "notes")), "the resumed run's trees were not on disk");
        if (TreeFolders.InMemory)
        {
            Assert.Contains(leftInMemory, path => path.EndsWith("NOTE-1-commit", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Run_WithAnUnknownWorktreesSetting_SaysWhatToSetAndChangesNothing()
    {
        var issue = await File.ReadAllTextAsync(Path.Combine(notes.Milestone, "NOTE-1.md"));

        var result = await RunChildAsync(point: null, worktrees: "ram");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("error: SQUAD_WORKTREES is 'ram': set it to auto (in memory while there is room) or disk", Assert.Single(result.ErrorLines));
        Assert.Equal(issue, await File.ReadAllTextAsync(Path.Combine(notes.Milestone, "NOTE-1.md")));
        Assert.Empty(LeftoverWorktrees());
    }

    /// <summary>Every marker in <paramref name="comments"/> occurs once, and each of <paramref name="expected"/> is among them.</summary>
    private static void AssertEachOnce(string comments, params string[] expected)
    {
        var markers = Marker().Matches(comments).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(markers.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal), markers.Order(StringComparer.Ordinal));
        foreach (var key in expected)
        {
            Assert.Single(markers, m => m.Contains("/" + key, StringComparison.Ordinal));
        }

        // A comment found again by its marker was not posted twice without one either.
        Assert.Equal(markers.Count, Regex.Count(comments, @"^---\n\n\d{4}-\d{2}-\d{2}T", RegexOptions.Multiline));
    }

    /// <summary>Work trees live at <c>&lt;repository&gt;/&lt;name&gt;</c>, in memory or on disk; the repository's folder may stay.</summary>
    private string[] LeftoverWorktrees() => TreeFolders.Leftovers(notes.DataDirectory);

    /// <summary>
    /// The CLI (<c>dotnet squad.dll</c>, built beside this assembly) as a child process, armed to die at
    /// <paramref name="point"/>, with <c>SQUAD_WORKTREES</c> set to <paramref name="worktrees"/>.
    /// </summary>
    private async Task<CliResult> RunChildAsync(string? point, string? worktrees = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[Path.Combine(AppContext.BaseDirectory, "squad.dll"), "run", notes.Milestone, "--data-dir", notes.DataDirectory, "--json"])
        {
            start.ArgumentList.Add(argument);
        }

        if (point is not null)
        {
            start.Environment[CrashPoint.Variable] = point;
        }

        if (worktrees is not null)
        {
            start.Environment[WorktreeMemory.Setting] = worktrees;
        }

        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEndAsync();
        var error = child.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await child.WaitForExitAsync(timeout.Token);
        return new CliResult(child.ExitCode, await output, await error);
    }

    [GeneratedRegex(@"<!-- squad-effect: ([^ ]+) -->")]
    private static partial Regex Marker();
}
