using Microsoft.Extensions.AI;
using Squad.Core;
using Squad.Core.Agents;

namespace Squad.Cli;

/// <summary>The models of a command that runs no agent (<c>squad revert</c>): what it posts says so, and asking for one is a bug.</summary>
internal sealed class NoModels(string why) : IAgentModelProvider
{
    public string Description => $"none ({why})";

    public bool IsScripted => false;

    public IChatClient GetClient(AgentInvocation invocation)
        => throw new SquadException(SquadErrorCode.InvalidConfiguration, $"{why} runs no agent, yet {invocation.Role} asked for a model");
}
