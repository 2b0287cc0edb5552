using Squad.Core.Domain;
using Squad.Core.Tools;

namespace Squad.Core.Tests.Tools;

/// <summary>A pull request thread that records comments and reviews.</summary>
internal sealed class RecordingPullRequestThread : IPullRequestThread
{
    public List<(Identity Author, string Body)> Comments { get; } = [];

    public List<(Identity Reviewer, Verdict Verdict, string Body)> Reviews { get; } = [];

    public Task CommentAsync(Identity author, string body, CancellationToken cancellationToken = default)
    {
        Comments.Add((author, body));
        return Task.CompletedTask;
    }

    public Task SubmitReviewAsync(Identity reviewer, Verdict verdict, string body, CancellationToken cancellationToken = default)
    {
        Reviews.Add((reviewer, verdict, body));
        return Task.CompletedTask;
    }
}
