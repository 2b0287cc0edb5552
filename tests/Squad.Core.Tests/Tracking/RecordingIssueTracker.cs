using Squad.Core.Domain;
using Squad.Core.Tracking;

namespace Squad.Core.Tests.Tracking;

/// <summary>A tracker that records the texts written to it; loading milestones is not for these tests.</summary>
internal sealed class RecordingIssueTracker : IIssueTracker
{
    public List<string> Written { get; } = [];

    public Task<Milestone> LoadMilestoneAsync(string reference, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task MoveAsync(string issueIdentifier, IssueStateType stateType, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task CommentAsync(string issueIdentifier, string body, CancellationToken cancellationToken = default)
    {
        Written.Add(body);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> ListCommentsAsync(string issueIdentifier, CancellationToken cancellationToken = default)
        => Task.FromResult<IReadOnlyList<string>>([.. Written]);

    public Task SetLabelAsync(string issueIdentifier, string label, bool present, CancellationToken cancellationToken = default)
    {
        Written.Add(label);
        return Task.CompletedTask;
    }

    public Task LinkPullRequestAsync(string issueIdentifier, string url, string title, CancellationToken cancellationToken = default)
    {
        Written.Add(title);
        return Task.CompletedTask;
    }
}
