using Squad.Core;
using Squad.Core.Agents;

namespace Squad.Models;

/// <summary>
/// The model provider of a run: each role's model (<c>openai:MODEL</c>, <c>anthropic:MODEL</c>, <c>scripted</c>,
/// <c>scripted:PATH</c>) resolved to a chat client, real ones wrapped in the timeout and retry decorators.
/// </summary>
public static class ModelProviderFactory
{
    /// <param name="settings">The models in use, and each provider's key variable and endpoint.</param>
    /// <param name="scriptPath">The script that <c>scripted</c> plays (the milestone's <c>scripted-responses.yaml</c>); null when there is none.</param>
    /// <exception cref="SquadException">A model is unknown, a key is not set, an endpoint or a script is invalid: at start-up, not mid-run.</exception>
    public static IAgentModelProvider Create(ModelSettings settings, string? scriptPath)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Models.Count == 0)
        {
            throw new ArgumentException("settings: name at least one model", nameof(settings));
        }

        var builder = new ModelRouteBuilder(settings, scriptPath);
        var routes = settings.Models.Distinct(StringComparer.Ordinal).ToDictionary(m => m, builder.Build, StringComparer.Ordinal);
        return new RoutingModelProvider(routes, builder.Build);
    }
}
