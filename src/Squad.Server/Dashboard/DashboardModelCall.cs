namespace Squad.Server.Dashboard;

internal sealed record DashboardModelCall
{
    public required DateTimeOffset At { get; init; }

    public required string Role { get; init; }

    public required int Pass { get; init; }

    public required string Model { get; init; }

    public required long InputTokens { get; init; }

    public required long OutputTokens { get; init; }

    public required decimal CostUsd { get; init; }

    public required string RequestSha256 { get; init; }

    public required string ResponseSha256 { get; init; }
}
