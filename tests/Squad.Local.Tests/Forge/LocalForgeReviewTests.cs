using Squad.Core;
using Squad.Core.Domain;
using Squad.Core.Forge;

namespace Squad.Local.Tests.Forge;

public sealed class LocalForgeReviewTests : IDisposable
{
    private readonly ForgeTestContext _context = new();

    [Fact]
    public async Task SubmitReviewAsync_ThenPush_ReviewStaysPinnedToTheReviewedSha()
    {
        await _context.ImportSampleAsync();
        var (worktree, reviewed) = await _context.PushBranchAsync("eng-1", "a.txt", "a\n");
        await _context.OpenPullRequestAsync("eng-1");

        await _context.Forge.SubmitReviewAsync(ForgeTestContext.Repository, 1, Submission(ForgeTestContext.CodeReviewer, Verdict.Approve, reviewed));
        var newHead = await _context.CommitAsync(worktree, "a.txt", "changed after approval\n", "Late change");
        await _context.Forge.PushAsync(ForgeTestContext.Repository, worktree, "eng-1");

        var review = Assert.Single(await _context.Forge.ListReviewsAsync(ForgeTestContext.Repository, 1));
        var pullRequest = await _context.Forge.GetPullRequestAsync(ForgeTestContext.Repository, 1);
        Assert.Equal(reviewed, review.CommitSha);
        Assert.Equal(newHead, pullRequest.HeadSha);
        Assert.Equal("code-reviewer", review.Author);
        Assert.Equal(Verdict.Approve, review.Verdict);
        Assert.Equal(_context.Clock.UtcNow, review.SubmittedAt);
    }

    [Fact]
    public async Task ListReviewsAsync_SeveralReviews_InSubmissionOrder()
    {
        await _context.ImportSampleAsync();
        var (_, sha) = await _context.PushBranchAsync("eng-1", "a.txt", "a\n");
        await _context.OpenPullRequestAsync("eng-1");

        await _context.Forge.SubmitReviewAsync(ForgeTestContext.Repository, 1, Submission(ForgeTestContext.QaSpecialist, Verdict.RequestChanges, sha, "Scenario 2 has no test"));
        await _context.Forge.SubmitReviewAsync(ForgeTestContext.Repository, 1, Submission(ForgeTestContext.CodeReviewer, Verdict.Comment, sha, "Looks fine"));
        await _context.Forge.SubmitReviewAsync(ForgeTestContext.Repository, 1, Submission(ForgeTestContext.CodeReviewer, Verdict.Approve, sha, "Approved"));

        var reviews = await _context.Forge.ListReviewsAsync(ForgeTestContext.Repository, 1);
        Assert.Equal(
            [("qa-specialist", Verdict.RequestChanges, "Scenario 2 has no test"), ("code-reviewer", Verdict.Comment, "Looks fine"), ("code-reviewer", Verdict.Approve, "Approved")],
            reviews.Select(r => (r.Author, r.Verdict, r.Body)));
    }

    [Theory]
    [InlineData("0123456789012345678901234567890123456789")]
    [InlineData("main")]
    [InlineData("")]
    public async Task SubmitReviewAsync_NotACommitOfTheRepository_ThrowsAndStoresNothing(string commitSha)
    {
        await _context.ImportSampleAsync();
        await _context.PushBranchAsync("eng-1", "a.txt", "a\n");
        await _context.OpenPullRequestAsync("eng-1");

        var error = await Assert.ThrowsAsync<SquadException>(() =>
            _context.Forge.SubmitReviewAsync(ForgeTestContext.Repository, 1, Submission(ForgeTestContext.CodeReviewer, Verdict.Approve, commitSha)));

        Assert.Equal(SquadErrorCode.InvalidInput, error.Code);
        Assert.Empty(await _context.Forge.ListReviewsAsync(ForgeTestContext.Repository, 1));
    }

    [Fact]
    public async Task CommentAsync_TwoComments_ListedInOrderWithAuthorsAndTime()
    {
        await _context.ImportSampleAsync();
        await _context.PushBranchAsync("eng-1", "a.txt", "a\n");
        await _context.OpenPullRequestAsync("eng-1");

        await _context.Forge.CommentAsync(ForgeTestContext.Repository, 1, ForgeTestContext.CodeReviewer, "Please rename Foo.");
        _context.Clock.Advance(TimeSpan.FromMinutes(5));
        await _context.Forge.CommentAsync(ForgeTestContext.Repository, 1, ForgeTestContext.Developer, "Renamed.");

        var comments = await _context.Forge.ListCommentsAsync(ForgeTestContext.Repository, 1);
        Assert.Equal([("code-reviewer", "Please rename Foo."), ("developer", "Renamed.")], comments.Select(c => (c.Author, c.Body)));
        Assert.Equal(TimeSpan.FromMinutes(5), comments[1].CreatedAt - comments[0].CreatedAt);
        Assert.True(comments[1].Id > comments[0].Id);
    }

    private static ReviewSubmission Submission(Identity reviewer, Verdict verdict, string sha, string body = "Review") => new()
    {
        Reviewer = reviewer,
        Verdict = verdict,
        Body = body,
        CommitSha = sha,
    };

    public void Dispose() => _context.Dispose();
}
