namespace Squad.Server.Dashboard;

/// <summary>Whether merges are stopped, and whether this page may change that.</summary>
internal sealed record KillSwitchState
{
    /// <summary>The <c>STOP-MERGES</c> file exists: the merge gate holds every merge.</summary>
    public required bool Engaged { get; init; }

    /// <summary>The server has an operator token, so the button works for whoever holds it.</summary>
    public required bool Available { get; init; }

    /// <summary>Why the button is off, when it is.</summary>
    public string? Why { get; init; }
}
