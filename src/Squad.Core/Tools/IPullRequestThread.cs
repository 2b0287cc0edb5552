using Squad.Core.Domain;

namespace Squad.Core.Tools;

/// <summary>What an agent may do on its squad's pull request: comment, and (reviewers) review the head it was given.</summary>
public interface IPullRequestThread
{
    Task CommentAsync(Identity author, string body, CancellationToken cancellationToken = default);

    Task SubmitReviewAsync(Identity reviewer, Verdict verdict, string body, CancellationToken cancellationToken = default);
}
