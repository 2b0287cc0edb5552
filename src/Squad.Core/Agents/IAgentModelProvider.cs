using Microsoft.Extensions.AI;

namespace Squad.Core.Agents;

/// <summary>Gives each agent pass its chat client. Cross-cutting concerns (retry, audit, cost) wrap the client it returns.</summary>
public interface IAgentModelProvider
{
    /// <summary>A short description for summaries and logs, such as <c>scripted</c>.</summary>
    string Description { get; }

    /// <summary>True when the responses are prepared, not generated; everything Squad writes then says so.</summary>
    bool IsScripted { get; }

    /// <summary>The chat client for one pass of one role on one issue.</summary>
    IChatClient GetClient(AgentInvocation invocation);
}
