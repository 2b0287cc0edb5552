using Microsoft.Extensions.AI;
using Squad.Core.Agents;

namespace Squad.Core.Audit;

/// <summary>
/// Hands out the inner provider's clients, each wrapped in an <see cref="AuditingChatClient"/> around Microsoft.Extensions.AI's
/// OpenTelemetry client (GenAI spans and token metrics under <see cref="Telemetry.SquadTelemetry.SourceName"/>; message text
/// is never attached: sensitive data stays off).
/// </summary>
internal sealed class AuditingModelProvider(IAgentModelProvider inner, AuditTrail trail) : IAgentModelProvider
{
    public string Description => inner.Description;

    public bool IsScripted => inner.IsScripted;

    public IChatClient GetClient(AgentInvocation invocation)
        => new AuditingChatClient(new OpenTelemetryChatClient(inner.GetClient(invocation), sourceName: Telemetry.SquadTelemetry.SourceName), invocation, trail);
}
