using System.Diagnostics;
using Squad.Core.Domain;

namespace Squad.Core.Orchestration;

/// <summary>
/// A test hook for crash safety, and the names of the points it can stop at. When the variable
/// <c>SQUAD_CRASH_AT</c> names a point, the process kills itself the moment it reaches it: no finally
/// block runs and nothing is flushed, as when the machine dies. The variable is read once, at start.
/// </summary>
public static class CrashPoint
{
    /// <summary>The environment variable that arms the hook.</summary>
    public const string Variable = "SQUAD_CRASH_AT";

    /// <summary>Inside the local forge's merge: the base branch moved, the merge is not recorded yet.</summary>
    public const string ForgeMergeMoved = "forge:merge:moved";

    /// <summary>The merge queue tested the merge result on the current base; nothing landed yet.</summary>
    public const string QueueTested = "queue:tested";

    /// <summary>A candidate waiting in the merge queue ran its test ahead (on the predicted main); the copy is still there, nothing recorded.</summary>
    public const string QueueAheadRan = "queue:ahead:ran";

    /// <summary>A conflict round's Developer committed the merge with the base; nothing pushed yet.</summary>
    public const string ConflictCommitted = "conflict:committed";

    /// <summary>A writer's commit checks ran in a pristine copy of the staged tree; the copy is not removed, nothing committed.</summary>
    public const string CommitChecked = "commit:checked";

    /// <summary>A writer's commit checks passed in a pristine copy and are recorded; the copy is gone, nothing committed.</summary>
    public const string CommitRecorded = "commit:recorded";

    /// <summary>The code host merged the pull request; the squad has not stored it nor told the tracker.</summary>
    public const string AfterMerge = "merge:after";

    /// <summary>A model call's conversation is in the trajectory store; its audit record is not written yet.</summary>
    public const string TrajectoryStored = "trajectory:stored";

    private static readonly string? Armed = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } point ? point : null;

    /// <summary>Before an effect is made (its intent is stored): <c>effect:before:tracker:pr-comment</c>.</summary>
    public static string BeforeEffect(string key) => "effect:before:" + key;

    /// <summary>After an effect was made, before it is recorded done.</summary>
    public static string AfterEffect(string key) => "effect:after:" + key;

    /// <summary>The step's work is done (and pushed), the step is not stored yet: <c>step:before:qa-tests</c>.</summary>
    public static string BeforeStep(SquadStep step) => "step:before:" + Name(step);

    /// <summary>The step is stored.</summary>
    public static string AfterStep(SquadStep step) => "step:after:" + Name(step);

    /// <summary>Kills this process at once when <paramref name="point"/> is the armed one; otherwise does nothing.</summary>
    public static void Reach(string point)
    {
        if (Armed is not null && string.Equals(Armed, point, StringComparison.Ordinal))
        {
            using var self = Process.GetCurrentProcess();
            self.Kill();

            // The signal may land a moment after the call returns: nothing past this point may run.
            Thread.Sleep(Timeout.Infinite);
        }
    }

    /// <summary><c>QaTests</c> → <c>qa-tests</c>.</summary>
    private static string Name(SquadStep step)
        => string.Concat(step.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
