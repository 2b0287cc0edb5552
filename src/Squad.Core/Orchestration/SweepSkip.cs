using Squad.Core.Domain;

namespace Squad.Core.Orchestration;

/// <summary>An issue a sweep does not start, and why.</summary>
public sealed record SweepSkip
{
    public required Issue Issue { get; init; }

    public required SweepSkipKind Kind { get; init; }

    /// <summary>One line for people: what holds the issue, and what would release it.</summary>
    public required string Reason { get; init; }

    /// <summary>The pull request that holds the issue, when one does.</summary>
    public int? PullRequestNumber { get; init; }
}
