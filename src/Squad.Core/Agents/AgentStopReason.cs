namespace Squad.Core.Agents;

public enum AgentStopReason
{
    /// <summary>The model gave its final answer.</summary>
    Completed,

    /// <summary>The role's turn limit ran out first.</summary>
    MaxTurns,
}
