using Squad.Core.Domain;

namespace Squad.Core.Forge;

public sealed record MergeRequest
{
    /// <summary>The head the reviewers approved; a different head makes the merge answer <see cref="MergeStatus.HeadChanged"/>.</summary>
    public required string ExpectedHeadSha { get; init; }

    public required string CommitTitle { get; init; }

    public required string CommitMessage { get; init; }

    public required Identity Merger { get; init; }
}
