namespace Squad.Server.Dashboard;

/// <summary>One line of the dashboard's run list.</summary>
internal sealed record DashboardRunSummary
{
    public required string Id { get; init; }

    public required string Milestone { get; init; }

    public required string Repository { get; init; }

    public required string Model { get; init; }

    public required bool Scripted { get; init; }

    /// <summary><c>running</c>, <c>completed</c>, <c>failed</c> or <c>interrupted</c>.</summary>
    public required string Status { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public required int Squads { get; init; }

    public required DashboardUsage Usage { get; init; }
}
