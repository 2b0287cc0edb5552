namespace Squad.Models.Scripted;

/// <summary>The turns played the n-th time a role runs for an issue.</summary>
internal sealed record ScriptedPass
{
    public required IReadOnlyList<ScriptedTurn> Turns { get; init; }
}
