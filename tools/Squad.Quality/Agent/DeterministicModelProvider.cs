using Microsoft.Extensions.AI;
using Squad.Core.Agents;

namespace Squad.Quality.Agent;

/// <summary>Gives every pass of the suite's tasks a <see cref="DeterministicChatClient"/> with its task's recipe.</summary>
internal sealed class DeterministicModelProvider(IReadOnlyDictionary<string, AgentRecipe> recipes, TimeProvider time, TextWriter? trace = null) : IAgentModelProvider
{
    public string Description => "deterministic (the quality suite's rule-based agent)";

    // Prepared, not generated: everything Squad writes says so, as for the scripted model.
    public bool IsScripted => true;

    public IChatClient GetClient(AgentInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var recipe = recipes.TryGetValue(invocation.IssueIdentifier, out var found)
            ? found
            : throw new Squad.Core.SquadException(Squad.Core.SquadErrorCode.InvalidInput, $"the quality suite has no recipe for {invocation.IssueIdentifier}");
        return new DeterministicChatClient(invocation.IssueIdentifier, invocation.Role, recipe, time, trace);
    }
}
