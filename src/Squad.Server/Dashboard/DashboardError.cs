namespace Squad.Server.Dashboard;

/// <summary>A refusal or a miss, in one line that says what to do.</summary>
internal sealed record DashboardError
{
    public required string Error { get; init; }
}
