using Squad.Core.Domain;

namespace Squad.Core.Forge;

/// <summary>A submitted review, pinned to the head commit it judged.</summary>
public sealed record Review
{
    public required long Id { get; init; }

    public required string Author { get; init; }

    public required Verdict Verdict { get; init; }

    public required string Body { get; init; }

    public required string CommitSha { get; init; }

    public required DateTimeOffset SubmittedAt { get; init; }
}
