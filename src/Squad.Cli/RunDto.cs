namespace Squad.Cli;

internal sealed record RunDto
{
    public required string Id { get; init; }

    public required string Milestone { get; init; }

    public required string MilestoneKey { get; init; }

    public required string Repository { get; init; }

    public required string Model { get; init; }

    public required bool Scripted { get; init; }

    public required string Status { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }
}
