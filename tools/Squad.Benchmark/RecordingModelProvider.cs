using Microsoft.Extensions.AI;
using Squad.Core.Agents;

namespace Squad.Benchmark;

/// <summary>Wraps a model provider so that every pass's chat client records its calls into the run's log.</summary>
internal sealed class RecordingModelProvider(IAgentModelProvider inner, CallLog log) : IAgentModelProvider
{
    public string Description => inner.Description;

    public bool IsScripted => inner.IsScripted;

    public IChatClient GetClient(AgentInvocation invocation)
        => new RecordingChatClient(inner.GetClient(invocation), invocation, log);
}
