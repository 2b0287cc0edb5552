namespace Squad.Cli.Tests;

/// <summary>
/// Post-merge verification on the local forge with real git and the sandbox: a merge that fails <c>verify</c> on main is
/// reverted at once by a revert pull request that passes the revert gate and merges; the issue is reopened with
/// <c>squad:reverted</c>, and the thread, the merged pull request and the progress feed (Slack) each hear of it once.
/// </summary>
public sealed class PostMergeRevertTests : IDisposable
{
    private readonly NotesFixture notes = new();

    public void Dispose() => notes.Dispose();

    [Fact]
    public async Task Run_MergeFailsVerifyOnMain_IsRevertedAndTheIssueReopenedOnce()
    {
        RedMain.BreakOnGreeting(notes);

        var result = await notes.RunAsync();

        Assert.True(result.ExitCode == 12, result.Error); // a reverted issue needs its squad again
        var squad = result.Squad("NOTE-1");
        Assert.Equal("reverted", squad.GetProperty("outcome").GetString());
        Assert.Equal("failed: 'smoke' exited 1", squad.GetProperty("verification").GetString());
        Assert.Equal(2, squad.GetProperty("revertPullRequest").GetInt32());
        await RedMain.AssertRevertedOnceAsync(notes, squad.GetProperty("mergeCommit").GetString()!);
        await AssertHostileOutputDefusedAsync();

        var again = await notes.RunAsync();

        Assert.Equal("reverted", again.Squad("NOTE-1").GetProperty("outcome").GetString());
        await RedMain.AssertRevertedOnceAsync(notes, squad.GetProperty("mergeCommit").GetString()!);
    }

    /// <summary>The verify output reached the thread and the revert's body redacted, fenced, and with its fake marker broken.</summary>
    private async Task AssertHostileOutputDefusedAsync()
    {
        var comments = await File.ReadAllTextAsync(Path.Combine(notes.Milestone, "NOTE-1.comments.md"));
        var body = (await RedMain.PullRequestAsync(notes, 2)).Body;
        foreach (var text in (string[])[comments, body])
        {
            Assert.DoesNotContain(RedMain.Token, text, StringComparison.Ordinal);
            Assert.Contains("[REDACTED]", text, StringComparison.Ordinal);
            Assert.Contains("````text\n", text, StringComparison.Ordinal); // longer than the ``` inside: the output cannot close it
            Assert.Contains("error: the greeting breaks the smoke test", text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(RedMain.FakeMarker, body, StringComparison.Ordinal);
        Assert.Single(comments.Split(RedMain.FakeMarker)[1..]); // the real marker of the comment, not the planted one
    }
}
