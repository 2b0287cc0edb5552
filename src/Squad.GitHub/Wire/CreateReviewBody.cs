namespace Squad.GitHub.Wire;

internal sealed record CreateReviewBody
{
    public required string CommitId { get; init; }

    public required string Body { get; init; }

    /// <summary><c>APPROVE</c>, <c>REQUEST_CHANGES</c> or <c>COMMENT</c>; never absent (that would leave a pending review).</summary>
    public required string Event { get; init; }
}
