using Microsoft.Extensions.AI;
using Squad.Core.Agents;

namespace Squad.Quality.Suite;

/// <summary>Wraps each pass's chat client so that every response's usage lands in the <see cref="UsageLedger"/>.</summary>
internal sealed class MeteredModelProvider(IAgentModelProvider inner, UsageLedger ledger) : IAgentModelProvider
{
    public string Description => inner.Description;

    public bool IsScripted => inner.IsScripted;

    public IChatClient GetClient(AgentInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        return new MeteredChatClient(inner.GetClient(invocation), invocation, ledger);
    }
}
