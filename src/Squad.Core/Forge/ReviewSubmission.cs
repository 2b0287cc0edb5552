using Squad.Core.Domain;

namespace Squad.Core.Forge;

public sealed record ReviewSubmission
{
    public required Identity Reviewer { get; init; }

    public required Verdict Verdict { get; init; }

    public required string Body { get; init; }

    public required string CommitSha { get; init; }
}
