using Microsoft.Extensions.AI;
using Squad.Core.Agents;

namespace Squad.Models;

/// <summary>How the passes of roles naming one model get their chat client.</summary>
internal sealed record ModelRoute
{
    /// <summary>The model as summaries show it (<c>openai:gpt-4.1</c>, <c>scripted (responses.yaml)</c>).</summary>
    public required string Description { get; init; }

    public required bool IsScripted { get; init; }

    public required Func<AgentInvocation, IChatClient> GetClient { get; init; }
}
