using Microsoft.Extensions.AI;
using Squad.Core.Agents;

namespace Squad.Models.Scripted;

/// <summary>
/// The model provider of scripted runs: every agent pass gets a <see cref="ScriptedChatClient"/> that plays the
/// prepared turns of its issue, role and pass from one script file, loaded once.
/// </summary>
public sealed class ScriptedModelProvider : IAgentModelProvider
{
    private readonly ScriptedScript _script;
    private readonly TimeSpan _latency;
    private readonly TimeProvider _timeProvider;

    /// <param name="scriptPath">The YAML script (see <c>samples/scripted-model.md</c>).</param>
    /// <param name="latency">A pause before each response, to make benchmarks look like real models; zero by default.</param>
    /// <param name="timeProvider">The clock the pause waits on; the system clock by default.</param>
    public ScriptedModelProvider(string scriptPath, TimeSpan latency = default, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(latency, TimeSpan.Zero);
        _script = ScriptedScript.Load(scriptPath);
        _latency = latency;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    public string Description => $"scripted ({_script.FileName})";

    public bool IsScripted => true;

    public IChatClient GetClient(AgentInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        return new ScriptedChatClient(_script, invocation.IssueIdentifier, invocation.Role, invocation.Pass, _latency, _timeProvider);
    }
}
