using Squad.Core.Domain;
using Squad.Core.Security;

namespace Squad.Core.Tracking;

/// <summary>
/// The one gate every text Squad writes to the tracker passes: comments and pull request link
/// titles are redacted here, whatever redacted them before. Reads and state changes pass through.
/// </summary>
internal sealed class RedactingIssueTracker(IIssueTracker inner, SecretRedactor redactor) : IIssueTracker
{
    public Task<Milestone> LoadMilestoneAsync(string reference, CancellationToken cancellationToken = default)
        => inner.LoadMilestoneAsync(reference, cancellationToken);

    public Task MoveAsync(string issueIdentifier, IssueStateType stateType, CancellationToken cancellationToken = default)
        => inner.MoveAsync(issueIdentifier, stateType, cancellationToken);

    public Task CommentAsync(string issueIdentifier, string body, CancellationToken cancellationToken = default)
        => inner.CommentAsync(issueIdentifier, redactor.Redact(body), cancellationToken);

    public Task<IReadOnlyList<string>> ListCommentsAsync(string issueIdentifier, CancellationToken cancellationToken = default)
        => inner.ListCommentsAsync(issueIdentifier, cancellationToken);

    public Task SetLabelAsync(string issueIdentifier, string label, bool present, CancellationToken cancellationToken = default)
        => inner.SetLabelAsync(issueIdentifier, redactor.Redact(label), present, cancellationToken);

    public Task LinkPullRequestAsync(string issueIdentifier, string url, string title, CancellationToken cancellationToken = default)
        => inner.LinkPullRequestAsync(issueIdentifier, url, redactor.Redact(title), cancellationToken);
}
