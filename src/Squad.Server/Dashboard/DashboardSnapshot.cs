namespace Squad.Server.Dashboard;

/// <summary>What <c>GET /api/runs</c> answers: the latest runs, newest first, and the kill switch.</summary>
internal sealed record DashboardSnapshot
{
    public required DateTimeOffset GeneratedAt { get; init; }

    public required IReadOnlyList<DashboardRunSummary> Runs { get; init; }

    public required KillSwitchState KillSwitch { get; init; }
}
