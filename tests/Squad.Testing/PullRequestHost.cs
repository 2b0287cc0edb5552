using Squad.Core.Domain;
using Squad.Core.Forge;

namespace Squad.Testing;

/// <summary>
/// A code host that only knows pull requests a test adds, and records which it was asked about. The members that
/// would change or fetch code are not supported: a test that reaches them is testing something else.
/// </summary>
public sealed class PullRequestHost : ICodeHost
{
    private readonly Lock gate = new();
    private readonly List<(string Repository, PullRequest PullRequest)> pullRequests = [];
    private readonly List<string> asked = [];

    public IReadOnlyDictionary<string, string> GitEnvironment { get; } = new Dictionary<string, string>();

    /// <summary>What was looked up: <c>#N</c> for a number, the branch name for a branch.</summary>
    public IReadOnlyList<string> Asked
    {
        get
        {
            lock (gate)
            {
                return [.. asked];
            }
        }
    }

    public PullRequest Add(string repository, int number, string branch, PullRequestState state)
    {
        var pullRequest = new PullRequest
        {
            Number = number,
            Title = $"PR {number}",
            Body = "",
            HeadBranch = branch,
            BaseBranch = "main",
            HeadSha = new string('a', 40),
            State = state,
            Author = "someone",
            Url = $"https://forge.test/{repository}/pull/{number}",
        };
        lock (gate)
        {
            pullRequests.Add((repository, pullRequest));
        }

        return pullRequest;
    }

    public Task<PullRequest?> FindPullRequestAsync(string repository, string branch, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            asked.Add(branch);
            return Task.FromResult(pullRequests
                .Where(p => p.Repository == repository && p.PullRequest.HeadBranch == branch && p.PullRequest.State != PullRequestState.Closed)
                .Select(p => p.PullRequest)
                .LastOrDefault());
        }
    }

    public Task<PullRequest> GetPullRequestAsync(string repository, int number, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            asked.Add($"#{number}");
            return Task.FromResult(pullRequests.Single(p => p.Repository == repository && p.PullRequest.Number == number).PullRequest);
        }
    }

    public Task<RepositoryInfo> GetRepositoryAsync(string repository, CancellationToken cancellationToken = default) => throw Unsupported();

    public Task PushAsync(string repository, string worktreePath, string branch, CancellationToken cancellationToken = default) => throw Unsupported();

    public Task<PullRequest> CreatePullRequestAsync(string repository, NewPullRequest request, CancellationToken cancellationToken = default) => throw Unsupported();

    public Task<IReadOnlyList<PullRequestCommit>> ListCommitsAsync(string repository, int number, CancellationToken cancellationToken = default) => throw Unsupported();

    public Task<IReadOnlyList<Review>> ListReviewsAsync(string repository, int number, CancellationToken cancellationToken = default) => throw Unsupported();

    public Task<IReadOnlyList<PullRequestComment>> ListCommentsAsync(string repository, int number, CancellationToken cancellationToken = default) => throw Unsupported();

    public Task<Review> SubmitReviewAsync(string repository, int number, ReviewSubmission review, CancellationToken cancellationToken = default) => throw Unsupported();

    public Task<PullRequestComment> CommentAsync(string repository, int number, Identity author, string body, CancellationToken cancellationToken = default) => throw Unsupported();

    public Task<ChecksResult> GetChecksAsync(string repository, string sha, CancellationToken cancellationToken = default) => throw Unsupported();

    public Task<MergeResult> MergeAsync(string repository, int number, MergeRequest request, CancellationToken cancellationToken = default) => throw Unsupported();

    private static NotSupportedException Unsupported() => new("the pull request host only answers pull request look-ups");
}
