using System.Globalization;

namespace Squad.Server.Dashboard;

/// <summary>
/// The merge gate's kill switch as the dashboard sees it: where it lives (<see cref="IMergeStop"/>), and whether this
/// server's button may press it.
/// </summary>
internal sealed class KillSwitch(IMergeStop stop, bool pressable, TimeProvider time)
{
    public const string NoTokenReason =
        "The button is off: start squad serve with SQUAD_DASHBOARD_TOKEN set to use it (or create or delete STOP-MERGES in the data directory).";

    public const string ReportReason =
        "A report is a snapshot: change the kill switch from squad serve's dashboard, or with the STOP-MERGES file in the data directory.";

    public async Task<KillSwitchState> StateAsync(CancellationToken cancellationToken) => new()
    {
        Engaged = await stop.IsEngagedAsync(cancellationToken),
        Available = pressable,
        Why = pressable ? null : NoTokenReason,
    };

    public static KillSwitchState Snapshot(string file) => new() { Engaged = File.Exists(file), Available = false, Why = ReportReason };

    public async Task<KillSwitchState> SetAsync(bool engaged, CancellationToken cancellationToken)
    {
        var reason = string.Create(CultureInfo.InvariantCulture,
            $"merges stopped from the dashboard at {time.GetUtcNow():O}; delete this file (or release the switch on the dashboard) to allow them again");
        await stop.SetAsync(engaged, reason, cancellationToken);
        return await StateAsync(cancellationToken);
    }
}
