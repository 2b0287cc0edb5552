using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Squad.Core;
using Squad.Core.Models;
using Squad.Core.Security;
using Squad.Models.Anthropic;
using Squad.Models.OpenAI;
using Squad.Models.Scripted;

namespace Squad.Models;

/// <summary>
/// Builds the route of one model: for a real provider, its SDK client inside the cross-cutting decorators,
/// <c>Timeout(Retry(provider))</c>, made once and shared by every pass; for <c>scripted</c>, the script's provider.
/// </summary>
internal sealed class ModelRouteBuilder(ModelSettings settings, string? scriptPath)
{
    private readonly ConcurrentDictionary<string, ScriptedModelProvider> _scripts = new(StringComparer.Ordinal);

    /// <exception cref="SquadException">The model is unknown, its key is not set, its endpoint or script is invalid.</exception>
    public ModelRoute Build(string model)
    {
        var reference = ModelReference.Parse(model);
        return reference.Provider switch
        {
            ModelReference.OpenAI => Real(reference, settings.OpenAI, (key, url) => new OpenAIChatClient(reference.Name, key, url)),
            ModelReference.Anthropic => Real(reference, settings.Anthropic, (key, url) => AnthropicChatClients.Create(
                reference.Name, key, url, settings.Anthropic.MaxOutputTokens ?? AnthropicChatClients.DefaultMaxOutputTokens, settings.CallTimeout, settings.Time)),
            _ => Scripted(reference),
        };
    }

    private ModelRoute Real(ModelReference reference, ProviderSettings provider, Func<string, Uri?, IChatClient> create)
    {
        var key = settings.GetEnvironmentVariable(provider.ApiKeyVariable);
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new SquadException(
                SquadErrorCode.InvalidConfiguration,
                $"{reference.Provider}: set {provider.ApiKeyVariable} to use {reference.Provider}:{reference.Name} (keys are read from the environment only)");
        }

        var classifier = new ModelFailureClassifier(settings.Time, new SecretRedactor([key]));
        IChatClient client = new ProviderModelChatClient(create(key, BaseUrl(reference.Provider, provider)), reference.Name);
        client = new RetryingChatClient(client, reference.Provider, reference.Name, classifier.Classify, settings.Time, settings.Random, settings.Retry);
        client = new TimeoutChatClient(client, reference.Provider, settings.CallTimeout, settings.Time);
        return new ModelRoute { Description = $"{reference.Provider}:{reference.Name}", IsScripted = false, GetClient = _ => client };
    }

    private Uri? BaseUrl(string providerName, ProviderSettings provider)
    {
        if (provider.BaseUrl is not null)
        {
            return provider.BaseUrl;
        }

        var configured = settings.GetEnvironmentVariable(provider.BaseUrlVariable);
        if (string.IsNullOrWhiteSpace(configured))
        {
            return null;
        }

        // The value is not repeated: a URL can carry a token.
        return Uri.TryCreate(configured.Trim(), UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? url
            : throw new SquadException(SquadErrorCode.InvalidConfiguration, $"{providerName}: {provider.BaseUrlVariable} is not an absolute http(s) URL");
    }

    private ModelRoute Scripted(ModelReference reference)
    {
        string path;
        if (reference.Name.Length == 0)
        {
            path = scriptPath ?? throw new SquadException(
                SquadErrorCode.InvalidConfiguration, "model 'scripted' plays the milestone's scripted-responses.yaml, and there is none here: use scripted:PATH");
        }
        else
        {
            path = Path.GetFullPath(reference.Name);
            if (!File.Exists(path))
            {
                throw new SquadException(SquadErrorCode.InvalidInput, $"script '{path}' does not exist: pass --model scripted:PATH with an existing file");
            }
        }

        var provider = _scripts.GetOrAdd(path, p => new ScriptedModelProvider(p));
        return new ModelRoute { Description = provider.Description, IsScripted = true, GetClient = provider.GetClient };
    }
}
