namespace Squad.Core.Orchestration.Queue;

/// <summary>An approved pull request waiting in the merge queue: its exact head, and the size of its change (for order).</summary>
internal sealed record MergeCandidate
{
    public required string SquadId { get; init; }

    public required string Repository { get; init; }

    public required int PullRequestNumber { get; init; }

    public required string HeadSha { get; init; }

    /// <summary>Changed lines against the base: of two overlapping candidates, the smaller lands first.</summary>
    public required long Lines { get; init; }
}
