using System.Text.Json;
using Squad.Core.Audit;
using Squad.Core.Orchestration;

namespace Squad.Server.Dashboard;

/// <summary><c>squad report RUN</c>: the dashboard of one run as one self-contained HTML file.</summary>
public static class DashboardReport
{
    /// <summary>The page, or null when <paramref name="runId"/> is not in the store.</summary>
    /// <param name="store">The runs, squads and events.</param>
    /// <param name="audit">The model calls, for cost and tokens.</param>
    /// <param name="killSwitchFile">The <c>STOP-MERGES</c> file: the report says whether merges were stopped.</param>
    /// <param name="runId">The run to show.</param>
    /// <param name="time">The clock the report is dated by.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    public static async Task<string?> RenderAsync(
        IRunStore store, IAuditLog audit, string killSwitchFile, string runId, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var run = await new DashboardBuilder(store, audit, time).RunAsync(runId, KillSwitch.Snapshot(killSwitchFile), offline: true, cancellationToken);
        return run is null ? null : DashboardPage.Report(JsonSerializer.Serialize(run, DashboardJsonContext.Default.DashboardRun));
    }
}
