using Squad.Core.Domain;
using Squad.Core.Security;

namespace Squad.Core.Forge;

/// <summary>
/// The one gate every text Squad writes to the code host passes: pull request titles and bodies,
/// comments, reviews and merge commit messages are redacted here, whatever redacted them before.
/// Reads and pushes pass through (what is pushed was checked when it was committed).
/// </summary>
internal sealed class RedactingCodeHost(ICodeHost inner, SecretRedactor redactor) : ICodeHost
{
    public IReadOnlyDictionary<string, string> GitEnvironment => inner.GitEnvironment;

    public Task<RepositoryInfo> GetRepositoryAsync(string repository, CancellationToken cancellationToken = default)
        => inner.GetRepositoryAsync(repository, cancellationToken);

    public Task PushAsync(string repository, string worktreePath, string branch, CancellationToken cancellationToken = default)
        => inner.PushAsync(repository, worktreePath, branch, cancellationToken);

    public Task<PullRequest?> FindPullRequestAsync(string repository, string branch, CancellationToken cancellationToken = default)
        => inner.FindPullRequestAsync(repository, branch, cancellationToken);

    public Task<PullRequest> CreatePullRequestAsync(string repository, NewPullRequest request, CancellationToken cancellationToken = default)
        => inner.CreatePullRequestAsync(repository, request with { Title = redactor.Redact(request.Title), Body = redactor.Redact(request.Body) }, cancellationToken);

    public Task<PullRequest> GetPullRequestAsync(string repository, int number, CancellationToken cancellationToken = default)
        => inner.GetPullRequestAsync(repository, number, cancellationToken);

    public Task<IReadOnlyList<PullRequestCommit>> ListCommitsAsync(string repository, int number, CancellationToken cancellationToken = default)
        => inner.ListCommitsAsync(repository, number, cancellationToken);

    public Task<IReadOnlyList<Review>> ListReviewsAsync(string repository, int number, CancellationToken cancellationToken = default)
        => inner.ListReviewsAsync(repository, number, cancellationToken);

    public Task<IReadOnlyList<PullRequestComment>> ListCommentsAsync(string repository, int number, CancellationToken cancellationToken = default)
        => inner.ListCommentsAsync(repository, number, cancellationToken);

    public Task<Review> SubmitReviewAsync(string repository, int number, ReviewSubmission review, CancellationToken cancellationToken = default)
        => inner.SubmitReviewAsync(repository, number, review with { Body = redactor.Redact(review.Body) }, cancellationToken);

    public Task<PullRequestComment> CommentAsync(string repository, int number, Identity author, string body, CancellationToken cancellationToken = default)
        => inner.CommentAsync(repository, number, author, redactor.Redact(body), cancellationToken);

    public Task<ChecksResult> GetChecksAsync(string repository, string sha, CancellationToken cancellationToken = default)
        => inner.GetChecksAsync(repository, sha, cancellationToken);

    public Task<bool> HasMergeQueueAsync(string repository, string baseBranch, CancellationToken cancellationToken = default)
        => inner.HasMergeQueueAsync(repository, baseBranch, cancellationToken);

    public Task<MergeResult> MergeAsync(string repository, int number, MergeRequest request, CancellationToken cancellationToken = default)
        => inner.MergeAsync(repository, number, request with
        {
            CommitTitle = redactor.Redact(request.CommitTitle),
            CommitMessage = redactor.Redact(request.CommitMessage),
        }, cancellationToken);
}
