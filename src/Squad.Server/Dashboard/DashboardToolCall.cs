namespace Squad.Server.Dashboard;

internal sealed record DashboardToolCall
{
    public required DateTimeOffset At { get; init; }

    public required string Role { get; init; }

    public required string Tool { get; init; }

    public required string Status { get; init; }

    public int? ExitCode { get; init; }

    public required double DurationMs { get; init; }
}
