using Squad.Core.Domain;
using Squad.Core.Forge;

namespace Squad.Core.Tests.Forge;

/// <summary>A code host that records the texts written to it; reads and pushes are not for these tests.</summary>
internal sealed class RecordingCodeHost : ICodeHost
{
    private static readonly DateTimeOffset Noon = new(2025, 1, 6, 12, 0, 0, TimeSpan.Zero);

    public List<string> Written { get; } = [];

    public IReadOnlyDictionary<string, string> GitEnvironment { get; } = new Dictionary<string, string>();

    public Task<PullRequest> CreatePullRequestAsync(string repository, NewPullRequest request, CancellationToken cancellationToken = default)
    {
        Written.AddRange([request.Title, request.Body]);
        return Task.FromResult(new PullRequest
        {
            Number = 1,
            Title = request.Title,
            Body = request.Body,
            HeadBranch = request.HeadBranch,
            BaseBranch = request.BaseBranch,
            HeadSha = new string('a', 40),
            State = PullRequestState.Open,
            Author = request.Author.Login,
            Url = "http://forge/1",
        });
    }

    public Task<Review> SubmitReviewAsync(string repository, int number, ReviewSubmission review, CancellationToken cancellationToken = default)
    {
        Written.Add(review.Body);
        return Task.FromResult(new Review
        {
            Id = 1,
            Author = review.Reviewer.Login,
            Verdict = review.Verdict,
            Body = review.Body,
            CommitSha = review.CommitSha,
            SubmittedAt = Noon,
        });
    }

    public Task<PullRequestComment> CommentAsync(string repository, int number, Identity author, string body, CancellationToken cancellationToken = default)
    {
        Written.Add(body);
        return Task.FromResult(new PullRequestComment { Id = 1, Author = author.Login, Body = body, CreatedAt = Noon });
    }

    public Task<MergeResult> MergeAsync(string repository, int number, MergeRequest request, CancellationToken cancellationToken = default)
    {
        Written.AddRange([request.CommitTitle, request.CommitMessage]);
        return Task.FromResult(new MergeResult { Status = MergeStatus.Merged, MergeCommitSha = new string('b', 40) });
    }

    public Task<RepositoryInfo> GetRepositoryAsync(string repository, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task PushAsync(string repository, string worktreePath, string branch, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<PullRequest?> FindPullRequestAsync(string repository, string branch, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<PullRequest> GetPullRequestAsync(string repository, int number, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<PullRequestCommit>> ListCommitsAsync(string repository, int number, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<Review>> ListReviewsAsync(string repository, int number, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<PullRequestComment>> ListCommentsAsync(string repository, int number, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<ChecksResult> GetChecksAsync(string repository, string sha, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
