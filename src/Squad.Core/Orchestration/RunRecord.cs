namespace Squad.Core.Orchestration;

public sealed record RunRecord
{
    public required string Id { get; init; }

    public required string MilestoneKey { get; init; }

    public required string MilestoneName { get; init; }

    public required string Repository { get; init; }

    public required string Model { get; init; }

    public required RunStatus Status { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }
}
