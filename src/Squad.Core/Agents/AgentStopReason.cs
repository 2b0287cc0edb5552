namespace Squad.Core.Agents;

public enum AgentStopReason
{
    /// <summary>The agent ended its pass: through its finishing tool, or with a plain answer if its role has none.</summary>
    Completed,

    /// <summary>It kept answering without a tool call, past its nudges, and never called its finishing tool.</summary>
    Unfinished,

    /// <summary>The role's turn limit ran out first.</summary>
    MaxTurns,
}
