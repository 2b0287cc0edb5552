using Squad.Core.Forge;

namespace Squad.Local.Tests.Forge;

/// <summary>
/// The local forge's side of the merge queue: a merge names the base and the tree it was tested on, and the forge lands
/// exactly that or nothing. A branch that moves, a base that moves, or a result that differs from the tested tree never
/// reaches main.
/// </summary>
public sealed class LocalForgeQueuedMergeTests : IDisposable
{
    private readonly ForgeTestContext _context = new();

    public void Dispose() => _context.Dispose();

    [Fact]
    public async Task MergeAsync_OnTheTestedBase_LandsASquashWhoseTreeIsTheTestedMergeResult()
    {
        await _context.ImportSampleAsync();
        var (_, head) = await _context.PushBranchAsync("eng-1", "a.txt", "a\n");
        await _context.OpenPullRequestAsync("eng-1");
        var other = await LandOnMainAsync("b.txt", "b\n");
        var tested = await MergeTreeAsync(other, head);

        var result = await _context.Forge.MergeAsync(ForgeTestContext.Repository, 1,
            ForgeTestContext.Approved(head) with { ExpectedBaseSha = other, ExpectedTreeSha = tested });

        Assert.Equal(MergeStatus.Merged, result.Status);
        Assert.Equal(tested, await TreeAsync(result.MergeCommitSha!));
        Assert.Equal(other, (await _context.Git.RunAsync(_context.BarePath, ["rev-parse", result.MergeCommitSha + "^@"])).Trim());
    }

    [Fact]
    public async Task MergeAsync_BaseMovedSinceTheTest_AnswersBaseChangedAndLeavesMainAlone()
    {
        await _context.ImportSampleAsync();
        var testedBase = await _context.BranchTipAsync("main");
        var (_, head) = await _context.PushBranchAsync("eng-1", "a.txt", "a\n");
        await _context.OpenPullRequestAsync("eng-1");
        var moved = await LandOnMainAsync("b.txt", "b\n");

        var result = await _context.Forge.MergeAsync(ForgeTestContext.Repository, 1,
            ForgeTestContext.Approved(head) with { ExpectedBaseSha = testedBase, ExpectedTreeSha = await MergeTreeAsync(testedBase!, head) });

        Assert.Equal(MergeStatus.BaseChanged, result.Status);
        Assert.Contains(moved, result.Message, StringComparison.Ordinal);
        Assert.Equal(moved, await _context.BranchTipAsync("main"));
        Assert.Equal(PullRequestState.Open, (await _context.Forge.GetPullRequestAsync(ForgeTestContext.Repository, 1)).State);
    }

    [Fact]
    public async Task MergeAsync_HostileBranchMovedAfterTheTest_IsRefusedAndNothingLands()
    {
        await _context.ImportSampleAsync();
        var main = await _context.BranchTipAsync("main");
        var (worktree, tested) = await _context.PushBranchAsync("eng-1", "a.txt", "a\n");
        await _context.OpenPullRequestAsync("eng-1");
        var testedTree = await MergeTreeAsync(main!, tested);
        await _context.CommitAsync(worktree, "a.txt", "rm -rf /\n", "Sneak a change in after the test");
        await _context.Forge.PushAsync(ForgeTestContext.Repository, worktree, "eng-1");

        var result = await _context.Forge.MergeAsync(ForgeTestContext.Repository, 1,
            ForgeTestContext.Approved(tested) with { ExpectedBaseSha = main, ExpectedTreeSha = testedTree });

        Assert.Equal(MergeStatus.HeadChanged, result.Status);
        Assert.Equal(main, await _context.BranchTipAsync("main"));
    }

    [Fact]
    public async Task MergeAsync_TreeOtherThanTheTestedOne_IsRefusedAndNothingLands()
    {
        await _context.ImportSampleAsync();
        var main = await _context.BranchTipAsync("main");
        var (_, head) = await _context.PushBranchAsync("eng-1", "a.txt", "a\n");
        await _context.OpenPullRequestAsync("eng-1");
        var untested = (await _context.Git.RunAsync(_context.BarePath, ["rev-parse", main + "^{tree}"])).Trim();

        var result = await _context.Forge.MergeAsync(ForgeTestContext.Repository, 1,
            ForgeTestContext.Approved(head) with { ExpectedBaseSha = main, ExpectedTreeSha = untested });

        Assert.Equal(MergeStatus.NotMergeable, result.Status);
        Assert.Contains("not the tested", result.Message, StringComparison.Ordinal);
        Assert.Equal(main, await _context.BranchTipAsync("main"));
    }

    private async Task<string> LandOnMainAsync(string path, string content)
    {
        var clone = await _context.CloneAsync();
        await _context.CommitAsync(clone, path, content, $"Land {path}");
        await _context.Git.RunAsync(clone, ["push", "--quiet", "origin", "HEAD:main"]);
        return (await _context.BranchTipAsync("main"))!;
    }

    private async Task<string> MergeTreeAsync(string baseSha, string head)
        => (await _context.Git.RunAsync(_context.BarePath, ["merge-tree", "--write-tree", baseSha, head])).Split('\n')[0].Trim();

    private async Task<string> TreeAsync(string commit)
        => (await _context.Git.RunAsync(_context.BarePath, ["rev-parse", commit + "^{tree}"])).Trim();
}
