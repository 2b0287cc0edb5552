using Microsoft.Extensions.AI;
using Squad.Core.Agents;

namespace Squad.Core.Audit;

/// <summary>Hands out the inner provider's clients, each wrapped in an <see cref="AuditingChatClient"/>.</summary>
internal sealed class AuditingModelProvider(IAgentModelProvider inner, AuditTrail trail) : IAgentModelProvider
{
    public string Description => inner.Description;

    public bool IsScripted => inner.IsScripted;

    public IChatClient GetClient(AgentInvocation invocation) => new AuditingChatClient(inner.GetClient(invocation), invocation, trail);
}
