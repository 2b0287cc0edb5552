namespace Squad.Models;

/// <summary>Where one provider's key and endpoint come from. Keys are read from the environment only, never from files.</summary>
public sealed record ProviderSettings
{
    /// <summary><c>OPENAI_API_KEY</c> and <c>OPENAI_BASE_URL</c>; OpenAI's own endpoint otherwise.</summary>
    public static ProviderSettings OpenAIDefaults { get; } = new() { ApiKeyVariable = "OPENAI_API_KEY", BaseUrlVariable = "OPENAI_BASE_URL" };

    /// <summary><c>ANTHROPIC_API_KEY</c> and <c>ANTHROPIC_BASE_URL</c>; Anthropic's own endpoint otherwise.</summary>
    public static ProviderSettings AnthropicDefaults { get; } = new() { ApiKeyVariable = "ANTHROPIC_API_KEY", BaseUrlVariable = "ANTHROPIC_BASE_URL" };

    /// <summary>The environment variable holding the key (<c>OPENROUTER_API_KEY</c>, say).</summary>
    public required string ApiKeyVariable { get; init; }

    /// <summary>The environment variable that may name another endpoint.</summary>
    public required string BaseUrlVariable { get; init; }

    /// <summary>The endpoint; wins over <see cref="BaseUrlVariable"/>. Null: the variable, else the provider's own.</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>A limit on each answer's length; null leaves it to the provider (for Anthropic, which requires one: 8192 tokens).</summary>
    public int? MaxOutputTokens { get; init; }
}
