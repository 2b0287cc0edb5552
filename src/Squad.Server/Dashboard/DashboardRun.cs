namespace Squad.Server.Dashboard;

/// <summary>Everything the dashboard shows of one run: what <c>GET /api/runs/{id}</c> answers and a report embeds.</summary>
internal sealed record DashboardRun
{
    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>A report file: no server to poll, no kill switch to press.</summary>
    public required bool Offline { get; init; }

    public required DashboardRunSummary Run { get; init; }

    public required IReadOnlyList<DashboardSquad> Squads { get; init; }

    /// <summary>Model calls per role, in a squad's order.</summary>
    public required IReadOnlyList<DashboardUsage> Roles { get; init; }

    /// <summary>Model calls per issue, in issue order.</summary>
    public required IReadOnlyList<DashboardUsage> Issues { get; init; }

    public required KillSwitchState KillSwitch { get; init; }
}
