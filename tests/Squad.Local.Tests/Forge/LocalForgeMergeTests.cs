using Squad.Core.Forge;
using Squad.Local.Forge;

namespace Squad.Local.Tests.Forge;

public sealed class LocalForgeMergeTests : IDisposable
{
    private readonly ForgeTestContext _context = new();

    [Fact]
    public async Task MergeAsync_ApprovedHead_SquashesIntoOneCommitOnTheOldBaseTip()
    {
        await _context.ImportSampleAsync();
        var oldMain = await _context.BranchTipAsync("main");
        var (worktree, _) = await _context.PushBranchAsync("eng-1", "a.txt", "first\n");
        var head = await _context.CommitAsync(worktree, "a.txt", "second\n", "Second commit");
        await _context.Forge.PushAsync(ForgeTestContext.Repository, worktree, "eng-1");
        await _context.OpenPullRequestAsync("eng-1");

        var result = await _context.Forge.MergeAsync(ForgeTestContext.Repository, 1, ForgeTestContext.Approved(head));

        Assert.Equal(MergeStatus.Merged, result.Status);
        var newMain = await _context.BranchTipAsync("main");
        Assert.Equal(result.MergeCommitSha, newMain);
        Assert.Equal(oldMain, (await _context.Git.RunAsync(_context.BarePath, ["rev-parse", newMain + "^@"])).Trim());
        Assert.Equal("second\n", await _context.ShowAsync("main", "a.txt"));
        Assert.Equal("# Sample\n", await _context.ShowAsync("main", "README.md"));
        var commit = await _context.Git.RunAsync(_context.BarePath, ["log", "-1", "--format=%an <%ae>|%cn|%ct|%B", "main"]);
        Assert.Equal($"Squad <squad@squad.local>|Squad|{_context.Clock.UtcNow.ToUnixTimeSeconds()}|A change (#1)\n\nCloses ENG-1\nSquad-Pull-Request: sample#1", commit.Trim());
    }

    [Fact]
    public async Task MergeAsync_Merged_RecordsStateKeepsPullRefAndDeletesHeadBranch()
    {
        await _context.ImportSampleAsync();
        var (_, head) = await _context.PushBranchAsync("eng-1", "a.txt", "a\n");
        await _context.OpenPullRequestAsync("eng-1");

        var result = await _context.Forge.MergeAsync(ForgeTestContext.Repository, 1, ForgeTestContext.Approved(head));

        var pullRequest = await _context.Forge.GetPullRequestAsync(ForgeTestContext.Repository, 1);
        Assert.Equal(PullRequestState.Merged, pullRequest.State);
        Assert.Equal(result.MergeCommitSha, pullRequest.MergeCommitSha);
        Assert.Equal(head, pullRequest.HeadSha);
        Assert.Null(await _context.BranchTipAsync("eng-1"));
        Assert.Equal(head, await _context.Git.RevParseAsync(_context.BarePath, "refs/pull/1/head"));
        Assert.Equal([head], (await _context.Forge.ListCommitsAsync(ForgeTestContext.Repository, 1)).Select(c => c.Sha));
    }

    [Fact]
    public async Task MergeAsync_BaseAlreadyHoldsItsSquashButUnrecorded_RecordsThatCommitInsteadOfRefusing()
    {
        await _context.ImportSampleAsync();
        var (_, head) = await _context.PushBranchAsync("eng-1", "a.txt", "a\n");
        await _context.OpenPullRequestAsync("eng-1");
        var landed = await LandOnMainAsync("a.txt", "a\n", "A change (#1)\n\nCloses ENG-1\nSquad-Pull-Request: sample#1");

        var result = await _context.Forge.MergeAsync(ForgeTestContext.Repository, 1, ForgeTestContext.Approved(head));

        Assert.Equal(MergeStatus.Merged, result.Status);
        Assert.Equal(landed, result.MergeCommitSha);
        Assert.Equal(landed, await _context.BranchTipAsync("main"));
        var pullRequest = await _context.Forge.GetPullRequestAsync(ForgeTestContext.Repository, 1);
        Assert.Equal((PullRequestState.Merged, landed), (pullRequest.State, pullRequest.MergeCommitSha));
        Assert.Null(await _context.BranchTipAsync("eng-1"));
    }

    /// <summary>
    /// A squash that moved main and died before it was recorded, its branch gone since and the pull request's ref left
    /// elsewhere: the merge is recorded, and the ref is set to what was merged even though the branch cannot be deleted
    /// in the same transaction.
    /// </summary>
    [Fact]
    public async Task MergeAsync_LandedBeforeAndBranchGone_RecordsIt_AndThePullRefHoldsTheMergedHead()
    {
        await _context.ImportSampleAsync();
        var (_, head) = await _context.PushBranchAsync("eng-1", "a.txt", "a\n");
        await _context.OpenPullRequestAsync("eng-1");
        var landed = await LandOnMainAsync("a.txt", "a\n", "A change (#1)\n\nCloses ENG-1\nSquad-Pull-Request: sample#1");
        var before = await _context.Git.RevParseAsync(_context.BarePath, "main~1");
        await _context.Git.RunAsync(_context.BarePath, ["update-ref", "-d", "refs/heads/eng-1"]);
        await _context.Git.RunAsync(_context.BarePath, ["update-ref", "refs/pull/1/head", before]);

        var result = await _context.Forge.MergeAsync(ForgeTestContext.Repository, 1, ForgeTestContext.Approved(head));

        Assert.Equal((MergeStatus.Merged, landed), (result.Status, result.MergeCommitSha));
        Assert.Equal(head, await _context.Git.RevParseAsync(_context.BarePath, "refs/pull/1/head"));
        Assert.Null(await _context.BranchTipAsync("eng-1"));
    }

    /// <summary>
    /// Two pull requests making the same change: once the first lands, the second's merge result is main's own tree (the
    /// squash this forge just made, whose tree it knows without asking git): nothing lands, and main stays.
    /// </summary>
    [Fact]
    public async Task MergeAsync_SameChangeAsTheSquashJustMade_NothingLands()
    {
        await _context.ImportSampleAsync();
        var (_, first) = await _context.PushBranchAsync("eng-1", "same.txt", "same\n");
        var (_, second) = await _context.PushBranchAsync("eng-2", "same.txt", "same\n");
        await _context.OpenPullRequestAsync("eng-1");
        await _context.OpenPullRequestAsync("eng-2");
        await _context.Forge.MergeAsync(ForgeTestContext.Repository, 1, ForgeTestContext.Approved(first));
        var main = await _context.BranchTipAsync("main");

        var result = await _context.Forge.MergeAsync(ForgeTestContext.Repository, 2, ForgeTestContext.Approved(second));

        Assert.Equal(MergeStatus.NotMergeable, result.Status);
        Assert.Contains("already contains every change of pull request #2", result.Message, StringComparison.Ordinal);
        Assert.Equal(main, await _context.BranchTipAsync("main"));
    }

    [Fact]
    public async Task MergeAsync_BaseHoldsTheTrailerOfAnotherNumberStartingAlike_MergesAsUsual()
    {
        await _context.ImportSampleAsync();
        var (_, head) = await _context.PushBranchAsync("eng-1", "a.txt", "a\n");
        await _context.OpenPullRequestAsync("eng-1");
        var other = await LandOnMainAsync("b.txt", "b\n", "Another change (#12)\n\nSquad-Pull-Request: sample#12");

        var result = await _context.Forge.MergeAsync(ForgeTestContext.Repository, 1, ForgeTestContext.Approved(head));

        Assert.Equal(MergeStatus.Merged, result.Status);
        Assert.Equal(other, (await _context.Git.RunAsync(_context.BarePath, ["rev-parse", "main^"])).Trim());
    }

    [Fact]
    public async Task MergeAsync_AlreadyMerged_NotMergeableAndBaseUnchanged()
    {
        await _context.ImportSampleAsync();
        var (_, head) = await _context.PushBranchAsync("eng-1", "a.txt", "a\n");
        await _context.OpenPullRequestAsync("eng-1");
        await _context.Forge.MergeAsync(ForgeTestContext.Repository, 1, ForgeTestContext.Approved(head));
        var mainAfterMerge = await _context.BranchTipAsync("main");

        var again = await _context.Forge.MergeAsync(ForgeTestContext.Repository, 1, ForgeTestContext.Approved(head));

        Assert.Equal(MergeStatus.NotMergeable, again.Status);
        Assert.Equal(mainAfterMerge, await _context.BranchTipAsync("main"));
    }

    [Fact]
    public async Task MergeAsync_StaleExpectedSha_HeadChangedAndBaseUnchanged()
    {
        await _context.ImportSampleAsync();
        var oldMain = await _context.BranchTipAsync("main");
        var (worktree, approved) = await _context.PushBranchAsync("eng-1", "a.txt", "a\n");
        await _context.OpenPullRequestAsync("eng-1");
        await _context.CommitAsync(worktree, "a.txt", "pushed after approval\n", "Late change");
        await _context.Forge.PushAsync(ForgeTestContext.Repository, worktree, "eng-1");

        var result = await _context.Forge.MergeAsync(ForgeTestContext.Repository, 1, ForgeTestContext.Approved(approved));

        Assert.Equal(MergeStatus.HeadChanged, result.Status);
        Assert.Null(result.MergeCommitSha);
        Assert.Equal(oldMain, await _context.BranchTipAsync("main"));
        Assert.Equal(PullRequestState.Open, (await _context.Forge.GetPullRequestAsync(ForgeTestContext.Repository, 1)).State);
    }

    [Fact]
    public async Task MergeAsync_ConflictingChange_ConflictNamingTheFileAndBaseUnchanged()
    {
        await _context.ImportSampleAsync();
        var (_, first) = await _context.PushBranchAsync("eng-1", "src/app.txt", "line one\nchanged by eng-1\nline three\n");
        var (_, second) = await _context.PushBranchAsync("eng-2", "src/app.txt", "line one\nchanged by eng-2\nline three\n");
        await _context.OpenPullRequestAsync("eng-1");
        await _context.OpenPullRequestAsync("eng-2");
        await _context.Forge.MergeAsync(ForgeTestContext.Repository, 1, ForgeTestContext.Approved(first));
        var mainAfterFirst = await _context.BranchTipAsync("main");

        var result = await _context.Forge.MergeAsync(ForgeTestContext.Repository, 2, ForgeTestContext.Approved(second));

        Assert.Equal(MergeStatus.Conflict, result.Status);
        Assert.Contains("src/app.txt", result.Message, StringComparison.Ordinal);
        Assert.Equal(mainAfterFirst, await _context.BranchTipAsync("main"));
        Assert.Equal(PullRequestState.Open, (await _context.Forge.GetPullRequestAsync(ForgeTestContext.Repository, 2)).State);
    }

    [Fact]
    public async Task MergeAsync_ConcurrentNonConflictingPullRequestsFromTwoForgeInstances_AllLand()
    {
        const int count = 6;
        await _context.ImportSampleAsync();
        var heads = new List<string>();
        for (var i = 1; i <= count; i++)
        {
            var (_, head) = await _context.PushBranchAsync($"eng-{i}", $"feature-{i}.txt", $"feature {i}\n");
            await _context.OpenPullRequestAsync($"eng-{i}");
            heads.Add(head);
        }

        // A second instance on the same folder stands for another process: no shared in-memory locks.
        using var other = new LocalForge(_context.ForgeDirectory, _context.Git, _context.Clock);
        var results = await Task.WhenAll(heads.Select((head, i) =>
            (i % 2 == 0 ? _context.Forge : other).MergeAsync(ForgeTestContext.Repository, i + 1, ForgeTestContext.Approved(head))));

        Assert.All(results, result => Assert.Equal(MergeStatus.Merged, result.Status));
        Assert.Equal(1 + count, await _context.CommitCountAsync("main"));
        var firstParents = await _context.Git.RunAsync(_context.BarePath, ["rev-list", "--first-parent", "--count", "main"]);
        Assert.Equal((1 + count).ToString(System.Globalization.CultureInfo.InvariantCulture), firstParents.Trim());
        for (var i = 1; i <= count; i++)
        {
            Assert.Equal($"feature {i}\n", await _context.ShowAsync("main", $"feature-{i}.txt"));
        }
    }

    /// <summary>A commit on main made outside the forge, as a squash that moved main and died before it was recorded.</summary>
    private async Task<string> LandOnMainAsync(string path, string content, string message)
    {
        var clone = await _context.CloneAsync();
        var sha = await _context.CommitAsync(clone, path, content, message);
        await _context.Forge.PushAsync(ForgeTestContext.Repository, clone, "main");
        return sha;
    }

    public void Dispose() => _context.Dispose();
}
