using Squad.Core;
using Squad.Core.Forge;
using Squad.Local.Forge;

namespace Squad.Local.Tests.Forge;

public sealed class LocalForgePullRequestTests : IDisposable
{
    private readonly ForgeTestContext _context = new();

    [Fact]
    public async Task CreatePullRequestAsync_NewBranches_NumbersFromOnePerRepository()
    {
        await _context.ImportSampleAsync();
        var (_, sha) = await _context.PushBranchAsync("eng-1", "a.txt", "a\n");
        await _context.PushBranchAsync("eng-2", "b.txt", "b\n");

        var first = await _context.OpenPullRequestAsync("eng-1", "First");
        var second = await _context.OpenPullRequestAsync("eng-2", "Second");

        Assert.Equal(1, first.Number);
        Assert.Equal(2, second.Number);
        Assert.Equal(PullRequestState.Open, first.State);
        Assert.Equal(sha, first.HeadSha);
        Assert.Equal("developer", first.Author);
        Assert.Equal("local-forge://sample/pull/1", first.Url);
        Assert.Equal(sha, await _context.Git.RevParseAsync(_context.BarePath, "refs/pull/1/head"));
    }

    [Fact]
    public async Task CreatePullRequestAsync_OpenPullRequestForBranch_ReturnsTheExistingOne()
    {
        await _context.ImportSampleAsync();
        await _context.PushBranchAsync("eng-1", "a.txt", "a\n");
        var first = await _context.OpenPullRequestAsync("eng-1", "First");

        var again = await _context.OpenPullRequestAsync("eng-1", "Another title");

        Assert.Equal(first, again);
    }

    [Fact]
    public async Task CreatePullRequestAsync_ConcurrentBranchesFromTwoForgeInstances_AllocatesDistinctNumbers()
    {
        await _context.ImportSampleAsync();
        var branches = Enumerable.Range(1, 6).Select(i => $"eng-{i}").ToList();
        foreach (var branch in branches)
        {
            await _context.PushBranchAsync(branch, branch + ".txt", branch);
        }

        using var second = new LocalForge(_context.ForgeDirectory, _context.Git, _context.Clock);
        var created = await Task.WhenAll(branches.Select((branch, i) =>
            (i % 2 == 0 ? _context.Forge : second).CreatePullRequestAsync(ForgeTestContext.Repository, new NewPullRequest
            {
                Title = branch,
                Body = "",
                HeadBranch = branch,
                BaseBranch = "main",
                Author = ForgeTestContext.Developer,
            })));

        Assert.Equal([1, 2, 3, 4, 5, 6], created.Select(pr => pr.Number).Order());
    }

    [Fact]
    public async Task CreatePullRequestAsync_BranchNotPushed_ThrowsInvalidInput()
    {
        await _context.ImportSampleAsync();

        var error = await Assert.ThrowsAsync<SquadException>(() => _context.OpenPullRequestAsync("never-pushed"));

        Assert.Equal(SquadErrorCode.InvalidInput, error.Code);
        Assert.Contains("never-pushed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindPullRequestAsync_BranchWithAndWithoutPullRequest_FindsOnlyTheOpenedOne()
    {
        await _context.ImportSampleAsync();
        await _context.PushBranchAsync("eng-1", "a.txt", "a\n");
        await _context.PushBranchAsync("eng-2", "b.txt", "b\n");
        var opened = await _context.OpenPullRequestAsync("eng-1");

        var found = await _context.Forge.FindPullRequestAsync(ForgeTestContext.Repository, "eng-1");
        var missing = await _context.Forge.FindPullRequestAsync(ForgeTestContext.Repository, "eng-2");

        Assert.Equal(opened, found);
        Assert.Null(missing);
    }

    [Fact]
    public async Task PushAsync_BranchWithOpenPullRequest_MovesHeadAndPullRef()
    {
        await _context.ImportSampleAsync();
        var (worktree, firstSha) = await _context.PushBranchAsync("eng-1", "a.txt", "a\n");
        await _context.OpenPullRequestAsync("eng-1");
        var secondSha = await _context.CommitAsync(worktree, "a.txt", "a, fixed\n", "Fix review comments");

        await _context.Forge.PushAsync(ForgeTestContext.Repository, worktree, "eng-1");

        var pullRequest = await _context.Forge.GetPullRequestAsync(ForgeTestContext.Repository, 1);
        Assert.NotEqual(firstSha, secondSha);
        Assert.Equal(secondSha, pullRequest.HeadSha);
        Assert.Equal(secondSha, await _context.Git.RevParseAsync(_context.BarePath, "refs/pull/1/head"));
    }

    [Fact]
    public async Task PushAsync_NonFastForward_ThrowsAndKeepsTheBranch()
    {
        await _context.ImportSampleAsync();
        var (_, pushed) = await _context.PushBranchAsync("eng-1", "a.txt", "a\n");
        var other = await _context.CloneAsync();
        await _context.Git.RunAsync(other, ["checkout", "--quiet", "-b", "eng-1"]);
        await _context.CommitAsync(other, "b.txt", "unrelated\n", "Diverging work");

        var error = await Assert.ThrowsAsync<SquadException>(() => _context.Forge.PushAsync(ForgeTestContext.Repository, other, "eng-1"));

        Assert.Equal(SquadErrorCode.Git, error.Code);
        Assert.Contains("fast-forward", error.Message, StringComparison.Ordinal);
        Assert.Equal(pushed, await _context.BranchTipAsync("eng-1"));
    }

    [Fact]
    public async Task PushAsync_NonFastForwardWithAnOpenPullRequest_MovesNeitherTheBranchNorThePullRef()
    {
        await _context.ImportSampleAsync();
        var (_, pushed) = await _context.PushBranchAsync("eng-1", "a.txt", "a\n");
        await _context.OpenPullRequestAsync("eng-1");
        var other = await _context.CloneAsync();
        await _context.Git.RunAsync(other, ["checkout", "--quiet", "-b", "eng-1"]);
        await _context.CommitAsync(other, "b.txt", "unrelated\n", "Diverging work");

        var error = await Assert.ThrowsAsync<SquadException>(() => _context.Forge.PushAsync(ForgeTestContext.Repository, other, "eng-1"));

        // The pull request's ref may be forced, the branch may not: the push is one, so neither moved.
        Assert.Contains("fast-forward", error.Message, StringComparison.Ordinal);
        Assert.Equal(pushed, await _context.BranchTipAsync("eng-1"));
        Assert.Equal(pushed, await _context.Git.RevParseAsync(_context.BarePath, "refs/pull/1/head"));
        Assert.Equal(pushed, (await _context.Forge.GetPullRequestAsync(ForgeTestContext.Repository, 1)).HeadSha);
    }

    [Fact]
    public async Task ListCommitsAsync_TwoCommits_OldestFirstWithAuthorsAndFullMessages()
    {
        await _context.ImportSampleAsync();
        var (worktree, first) = await _context.PushBranchAsync("eng-1", "a.txt", "a\n");
        var second = await _context.CommitAsync(worktree, "b.txt", "b\n", "Second line one\n\nBody with | and \t tab");
        await _context.Forge.PushAsync(ForgeTestContext.Repository, worktree, "eng-1");
        await _context.OpenPullRequestAsync("eng-1");

        var commits = await _context.Forge.ListCommitsAsync(ForgeTestContext.Repository, 1);

        Assert.Equal([first, second], commits.Select(c => c.Sha));
        Assert.Equal("Change a.txt", commits[0].Message);
        Assert.Equal("Second line one\n\nBody with | and \t tab", commits[1].Message);
        Assert.All(commits, c => Assert.Equal(("Developer", "developer@squad.local"), (c.AuthorName, c.AuthorEmail)));
    }

    [Fact]
    public async Task GetPullRequestAsync_NewForgeInstanceOnSameFolder_ReadsTheStoredPullRequest()
    {
        await _context.ImportSampleAsync();
        await _context.PushBranchAsync("eng-1", "a.txt", "a\n");
        var opened = await _context.OpenPullRequestAsync("eng-1", "Survives a restart");
        using var restarted = new LocalForge(_context.ForgeDirectory, _context.Git, _context.Clock);

        var read = await restarted.GetPullRequestAsync(ForgeTestContext.Repository, opened.Number);

        Assert.Equal(opened, read);
    }

    [Fact]
    public async Task GetPullRequestAsync_UnknownNumber_ThrowsInvalidInput()
    {
        await _context.ImportSampleAsync();

        var error = await Assert.ThrowsAsync<SquadException>(() => _context.Forge.GetPullRequestAsync(ForgeTestContext.Repository, 42));

        Assert.Equal(SquadErrorCode.InvalidInput, error.Code);
        Assert.Contains("#42", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _context.Dispose();
}
