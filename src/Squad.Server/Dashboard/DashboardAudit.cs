namespace Squad.Server.Dashboard;

/// <summary>One squad's audit trail in a run, as <c>GET /api/runs/{id}/audit?issue=</c> answers it.</summary>
internal sealed record DashboardAudit
{
    public required string RunId { get; init; }

    public required string Issue { get; init; }

    public required IReadOnlyList<DashboardModelCall> ModelCalls { get; init; }

    public required IReadOnlyList<DashboardToolCall> ToolCalls { get; init; }
}
