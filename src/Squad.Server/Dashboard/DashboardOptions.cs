using Squad.Core.Audit;
using Squad.Core.Orchestration;

namespace Squad.Server.Dashboard;

/// <summary>What the dashboard of <c>squad serve</c> reads, and who may press its kill switch.</summary>
public sealed record DashboardOptions
{
    /// <summary>The runs, squads and their events (the data directory's state database).</summary>
    public required IRunStore Store { get; init; }

    /// <summary>The model and tool calls of every run.</summary>
    public required IAuditLog Audit { get; init; }

    /// <summary>The file whose presence stops every merge (<c>STOP-MERGES</c> in the data directory).</summary>
    public required string KillSwitchFile { get; init; }

    /// <summary>Where the button stops merges, when not the file (the cluster's switch in PostgreSQL, in cluster mode).</summary>
    public IMergeStop? MergeStop { get; init; }

    /// <summary>
    /// The operator's token (<c>SQUAD_DASHBOARD_TOKEN</c>) that the kill switch button must present; null leaves the button
    /// off. It is never written into the page: the operator types it.
    /// </summary>
    public string? Token { get; init; }
}
