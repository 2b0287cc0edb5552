using System.Globalization;

namespace Squad.Server.Dashboard;

/// <summary>
/// The merge gate's kill switch as the dashboard sees it: a file in the data directory. Engaging writes it whole (a temporary
/// file renamed into place) and is idempotent, so a crash or a second press leaves it either absent or complete.
/// </summary>
internal sealed class KillSwitch(string file, bool pressable, TimeProvider time)
{
    public const string NoTokenReason =
        "The button is off: start squad serve with SQUAD_DASHBOARD_TOKEN set to use it (or create or delete STOP-MERGES in the data directory).";

    public const string ReportReason =
        "A report is a snapshot: change the kill switch from squad serve's dashboard, or with the STOP-MERGES file in the data directory.";

    public KillSwitchState State => new()
    {
        Engaged = File.Exists(file),
        Available = pressable,
        Why = pressable ? null : NoTokenReason,
    };

    public static KillSwitchState Snapshot(string file) => new() { Engaged = File.Exists(file), Available = false, Why = ReportReason };

    public KillSwitchState Set(bool engaged)
    {
        if (!engaged)
        {
            File.Delete(file);
            return State;
        }

        if (!File.Exists(file))
        {
            var temporary = file + ".tmp";
            File.WriteAllText(temporary, string.Create(CultureInfo.InvariantCulture,
                $"merges stopped from the dashboard at {time.GetUtcNow():O}; delete this file (or release the switch on the dashboard) to allow them again\n"));
            File.Move(temporary, file, overwrite: true);
        }

        return State;
    }
}
