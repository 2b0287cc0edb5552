using Squad.Core.Models;

namespace Squad.Models;

/// <summary>What <see cref="ModelProviderFactory"/> needs: the models in use, each provider's settings, and the call limits.</summary>
public sealed record ModelSettings
{
    /// <summary>Every model a role names (<c>openai:gpt-4.1</c>, <c>anthropic:claude-sonnet-4-5</c>, <c>scripted</c>); each is checked at start-up.</summary>
    public required IReadOnlyCollection<string> Models { get; init; }

    public ProviderSettings OpenAI { get; init; } = ProviderSettings.OpenAIDefaults;

    public ProviderSettings Anthropic { get; init; } = ProviderSettings.AnthropicDefaults;

    /// <summary>The limit on one model call, retries included.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeoutChatClient.DefaultTimeout;

    public ModelRetryPolicy Retry { get; init; } = ModelRetryPolicy.Default;

    /// <summary>The clock that retries wait on and call limits run on.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The source of retry jitter.</summary>
    public Random Random { get; init; } = Random.Shared;

    /// <summary>Reads an environment variable; the process environment unless a test gives another.</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;
}
