namespace Squad.Server.Dashboard;

/// <summary>The body of <c>POST /api/kill-switch</c>: stop merges (true) or allow them again (false).</summary>
internal sealed record KillSwitchRequest
{
    public required bool Engaged { get; init; }
}
