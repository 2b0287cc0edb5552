using Squad.Core.Domain;

namespace Squad.Core.Tracking;

/// <summary>The issue tracker: Linear, or the embedded folder of Markdown issues.</summary>
public interface IIssueTracker
{
    /// <summary>Loads a milestone and all its issues (every page).</summary>
    /// <exception cref="SquadException">The reference is not a milestone this tracker can read.</exception>
    Task<Milestone> LoadMilestoneAsync(string reference, CancellationToken cancellationToken = default);

    /// <summary>Moves an issue to the first state of the given type.</summary>
    Task MoveAsync(string issueIdentifier, IssueStateType stateType, CancellationToken cancellationToken = default);

    /// <summary>Adds a comment to the issue. The text has already been redacted.</summary>
    Task CommentAsync(string issueIdentifier, string body, CancellationToken cancellationToken = default);

    /// <summary>
    /// The bodies of the issue's comments, oldest first (every page). Squad reads them after a crash to find a comment it
    /// may already have made, by the hidden marker the comment carries.
    /// </summary>
    Task<IReadOnlyList<string>> ListCommentsAsync(string issueIdentifier, CancellationToken cancellationToken = default);

    /// <summary>Adds or removes a label; agent status lives in labels such as <c>squad:needs-human</c>.</summary>
    Task SetLabelAsync(string issueIdentifier, string label, bool present, CancellationToken cancellationToken = default);

    /// <summary>Links a pull request to the issue (an attachment in Linear).</summary>
    Task LinkPullRequestAsync(string issueIdentifier, string url, string title, CancellationToken cancellationToken = default);
}
