using Squad.Core.Domain;

namespace Squad.Core.Orchestration;

/// <summary>One line of a squad's history: a step started or ended, with a short detail.</summary>
public sealed record SquadEvent
{
    public required string RunId { get; init; }

    public required string IssueIdentifier { get; init; }

    public required SquadStep Step { get; init; }

    public required string Message { get; init; }

    public required DateTimeOffset At { get; init; }
}
