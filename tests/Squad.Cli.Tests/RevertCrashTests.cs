namespace Squad.Cli.Tests;

/// <summary>
/// The revert is exactly-once across a real kill -9: the CLI runs the red-main milestone as a child process that kills
/// itself at a point between the revert's intent, its pull request, its merge and the reopen; a second run on the same
/// data directory finishes it with one revert pull request, one revert on main, one reopen and each message once.
/// </summary>
public sealed class RevertCrashTests : IDisposable
{
    private const int Killed = 128 + 9;

    private readonly NotesFixture notes = new();

    public void Dispose() => notes.Dispose();

    [Theory]
    [InlineData("effect:after:revert:pr")] // the revert pull request is open, not recorded: found by its branch
    [InlineData("revert:merged")] // the revert merged at the forge, not recorded: the pull request says so
    [InlineData("effect:after:tracker:reverted-comment")] // the reopen comment is posted, not recorded: found by its marker
    public async Task Run_KilledDuringTheRevertThenRunAgain_RevertsOnceAndSaysEverythingOnce(string point)
    {
        RedMain.BreakOnGreeting(notes);

        var crashed = await RedMain.RunChildAsync(point, "run", notes.Milestone, "--data-dir", notes.DataDirectory, "--json");
        Assert.True(crashed.ExitCode == Killed, $"the run was meant to die at {point}, but ended with {crashed.ExitCode}:\n{crashed.Error}");

        var resumed = await notes.RunAsync();

        Assert.True(resumed.ExitCode == 12, resumed.Error);
        var squad = resumed.Squad("NOTE-1");
        Assert.Equal("reverted", squad.GetProperty("outcome").GetString());
        await RedMain.AssertRevertedOnceAsync(notes, squad.GetProperty("mergeCommit").GetString()!);
    }

    [Fact]
    public async Task Revert_ByHandKilledAfterTheMergeThenAgain_FinishesTheOneRevert()
    {
        var run = await notes.RunAsync();
        Assert.Equal("merged", run.Squad("NOTE-1").GetProperty("outcome").GetString());

        var crashed = await RedMain.RunChildAsync("revert:merged", "revert", "NOTE-1", "--data-dir", notes.DataDirectory);
        Assert.True(crashed.ExitCode == Killed, $"ended with {crashed.ExitCode}: {crashed.Output}{crashed.Error}");
        var again = await CliResult.RunAsync("revert", "NOTE-1", "--data-dir", notes.DataDirectory);

        Assert.True(again.ExitCode == 0, again.Error);
        Assert.StartsWith("NOTE-1: reverted ", again.Output, StringComparison.Ordinal);
        await RedMain.AssertRevertedOnceAsync(notes, run.Squad("NOTE-1").GetProperty("mergeCommit").GetString()!);
    }
}
