using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Squad.Core.Agents;

namespace Squad.Models;

/// <summary>
/// Gives each pass the client of the model its role names. The models known at start-up are built (and their keys
/// checked) before the run; a model first named later is built on first use.
/// </summary>
internal sealed class RoutingModelProvider : IAgentModelProvider
{
    private readonly ConcurrentDictionary<string, Lazy<ModelRoute>> _routes = new(StringComparer.Ordinal);
    private readonly Func<string, ModelRoute> _build;

    public RoutingModelProvider(IReadOnlyDictionary<string, ModelRoute> startup, Func<string, ModelRoute> build)
    {
        ArgumentNullException.ThrowIfNull(startup);
        _build = build;
        foreach (var (model, route) in startup)
        {
            _routes[model] = new Lazy<ModelRoute>(route);
        }

        Description = string.Join(", ", startup.Values.Select(r => r.Description).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        IsScripted = startup.Count > 0 && startup.Values.All(r => r.IsScripted);
    }

    public string Description { get; }

    /// <summary>True when every role plays a script; a run mixing real and scripted models names each in <see cref="Description"/>.</summary>
    public bool IsScripted { get; }

    public IChatClient GetClient(AgentInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        return _routes.GetOrAdd(invocation.Model, model => new Lazy<ModelRoute>(() => _build(model))).Value.GetClient(invocation);
    }
}
