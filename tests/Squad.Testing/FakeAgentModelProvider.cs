using Microsoft.Extensions.AI;
using Squad.Core.Agents;

namespace Squad.Testing;

/// <summary>A model provider that hands out one given chat client and records the invocations it was asked for.</summary>
public sealed class FakeAgentModelProvider(IChatClient client, bool isScripted = false) : IAgentModelProvider
{
    private readonly Lock gate = new();
    private readonly List<AgentInvocation> invocations = [];

    public string Description => isScripted ? "scripted (fake)" : "fake";

    public bool IsScripted => isScripted;

    /// <summary>The invocations asked for so far, oldest first.</summary>
    public IReadOnlyList<AgentInvocation> Invocations
    {
        get
        {
            lock (gate)
            {
                return [.. invocations];
            }
        }
    }

    public IChatClient GetClient(AgentInvocation invocation)
    {
        lock (gate)
        {
            invocations.Add(invocation);
        }

        return client;
    }
}
