using Squad.Core.Domain;

namespace Squad.Core.Forge;

/// <summary>
/// The code host: GitHub, or the embedded local forge. Only the orchestrator calls the mutating
/// members; agents reach pull requests through narrow tools.
/// </summary>
public interface ICodeHost
{
    /// <summary>
    /// Variables git needs to reach the host's repositories (credentials travel in the environment
    /// of the orchestrator's own git commands, never on a command line, in a file or in a worktree).
    /// </summary>
    IReadOnlyDictionary<string, string> GitEnvironment { get; }

    /// <summary>Where git can fetch the repository from, and its default branch.</summary>
    /// <exception cref="SquadException">The repository does not exist at the host.</exception>
    Task<RepositoryInfo> GetRepositoryAsync(string repository, CancellationToken cancellationToken = default);

    /// <summary>Pushes the worktree's HEAD to <paramref name="branch"/> at the host.</summary>
    Task PushAsync(string repository, string worktreePath, string branch, CancellationToken cancellationToken = default);

    /// <summary>The open or merged pull request for a head branch, if there is one.</summary>
    Task<PullRequest?> FindPullRequestAsync(string repository, string branch, CancellationToken cancellationToken = default);

    Task<PullRequest> CreatePullRequestAsync(string repository, NewPullRequest request, CancellationToken cancellationToken = default);

    Task<PullRequest> GetPullRequestAsync(string repository, int number, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<PullRequestCommit>> ListCommitsAsync(string repository, int number, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Review>> ListReviewsAsync(string repository, int number, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<PullRequestComment>> ListCommentsAsync(string repository, int number, CancellationToken cancellationToken = default);

    /// <summary>Submits a review pinned to <see cref="ReviewSubmission.CommitSha"/>.</summary>
    Task<Review> SubmitReviewAsync(string repository, int number, ReviewSubmission review, CancellationToken cancellationToken = default);

    Task<PullRequestComment> CommentAsync(string repository, int number, Identity author, string body, CancellationToken cancellationToken = default);

    /// <summary>The host's own checks on a commit (required statuses and check runs on GitHub).</summary>
    Task<ChecksResult> GetChecksAsync(string repository, string sha, CancellationToken cancellationToken = default);

    /// <summary>Squash-merges the pull request if its head is still <see cref="MergeRequest.ExpectedHeadSha"/>.</summary>
    Task<MergeResult> MergeAsync(string repository, int number, MergeRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// True when the host runs its own merge queue for <paramref name="baseBranch"/> (GitHub's <c>merge_queue</c> rule): then
    /// <see cref="MergeAsync"/> enqueues there, the host builds and tests its own merge group, and a base that moves is the
    /// host's to handle, not a <see cref="MergeStatus.BaseChanged"/>. Hosts without one (the local forge) answer false.
    /// </summary>
    Task<bool> HasMergeQueueAsync(string repository, string baseBranch, CancellationToken cancellationToken = default)
        => Task.FromResult(false);
}
