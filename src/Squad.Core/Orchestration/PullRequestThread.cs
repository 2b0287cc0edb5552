using Squad.Core.Domain;
using Squad.Core.Forge;
using Squad.Core.Security;
using Squad.Core.Tools;

namespace Squad.Core.Orchestration;

/// <summary>An agent's handle on its pull request: redacts and signs what it posts, and pins reviews to the head it was shown.</summary>
internal sealed class PullRequestThread(ICodeHost host, string repository, int number, string headSha, SecretRedactor redactor, string signature)
    : IPullRequestThread
{
    public Task CommentAsync(Identity author, string body, CancellationToken cancellationToken = default)
        => host.CommentAsync(repository, number, author, Sign(body), cancellationToken);

    public Task SubmitReviewAsync(Identity reviewer, Verdict verdict, string body, CancellationToken cancellationToken = default)
        => host.SubmitReviewAsync(repository, number, new ReviewSubmission
        {
            Reviewer = reviewer,
            Verdict = verdict,
            Body = Sign(body),
            CommitSha = headSha,
        }, cancellationToken);

    private string Sign(string body) => redactor.Redact(body.TrimEnd()) + "\n\n---\n" + signature;
}
