namespace Squad.Server.Dashboard;

/// <summary>Why a press of the kill switch was refused, with the HTTP status that says so.</summary>
internal sealed record KillSwitchRefusal(int Status, string Message);
