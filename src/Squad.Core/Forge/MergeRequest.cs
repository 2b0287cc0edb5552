using Squad.Core.Domain;

namespace Squad.Core.Forge;

public sealed record MergeRequest
{
    /// <summary>The head the reviewers approved; a different head makes the merge answer <see cref="MergeStatus.HeadChanged"/>.</summary>
    public required string ExpectedHeadSha { get; init; }

    /// <summary>
    /// The base branch's tip the merge result was tested on (the merge queue). When set, a base branch that moved since
    /// makes the merge answer <see cref="MergeStatus.BaseChanged"/>: nothing lands that was not tested.
    /// </summary>
    public string? ExpectedBaseSha { get; init; }

    /// <summary>The tree the queue tested; when set, a squash whose tree differs is refused (<see cref="MergeStatus.NotMergeable"/>).</summary>
    public string? ExpectedTreeSha { get; init; }

    public required string CommitTitle { get; init; }

    public required string CommitMessage { get; init; }

    public required Identity Merger { get; init; }
}
