namespace Squad.Cli.Tests;

/// <summary><c>squad revert ISSUE|PR</c>: a person reverts a merge by the path verification takes, and what it refuses.</summary>
public sealed class RevertCommandTests : IDisposable
{
    private readonly NotesFixture notes = new();

    public void Dispose() => notes.Dispose();

    [Fact]
    public async Task Revert_MergedPullRequest_RevertsItOnceAndRefusesEverythingElseInOneLine()
    {
        var run = await notes.RunAsync();
        var mergeSha = run.Squad("NOTE-1").GetProperty("mergeCommit").GetString()!;
        await AssertRefusedAsync("NOTE-9", "error: cannot revert 'NOTE-9': no squad in");
        await AssertRefusedAsync("#7", "error: cannot revert '#7': no squad in");
        await AssertRefusedAsync("the greeting", "error: cannot revert 'the greeting': name the issue by its identifier");
        await AssertRefusedAsync("NOTE-2", "error: cannot revert 'NOTE-2': NOTE-2 was not merged by Squad (its squad is refused");

        var revert = await CliResult.RunAsync("revert", "#1", "--data-dir", notes.DataDirectory, "--json");

        Assert.True(revert.ExitCode == 0, revert.Error);
        Assert.Equal("reverted", revert.Json().GetProperty("outcome").GetString());
        Assert.Equal(2, revert.Json().GetProperty("revertPullRequest").GetInt32());
        await RedMain.AssertRevertedOnceAsync(notes, mergeSha);
        Assert.Contains("a person (squad revert) asked for the revert", await File.ReadAllTextAsync(Path.Combine(notes.Milestone, "NOTE-1.comments.md")), StringComparison.Ordinal);
        await AssertRefusedAsync("NOTE-1", "error: cannot revert 'NOTE-1': NOTE-1 is already reverted (PR #2");
        await RedMain.AssertRevertedOnceAsync(notes, mergeSha);
    }

    private async Task AssertRefusedAsync(string target, string expected)
    {
        var result = await CliResult.RunAsync("revert", target, "--data-dir", notes.DataDirectory);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(expected, Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }
}
