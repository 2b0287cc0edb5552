using Squad.Core.Agents;
using Squad.Testing;

namespace Squad.Models.Tests;

/// <summary>Model providers built by <see cref="ModelProviderFactory"/> exactly as a run builds them, pointed at a <see cref="LoopbackServer"/>.</summary>
internal static class LoopbackModels
{
    public const string OpenAIKey = "sk-test0openai0key0abcdefghijklmnop";
    public const string AnthropicKey = "sk-ant-test0key0abcdefghijklmnop";
    public const string OpenAIModel = "openai:gpt-test";
    public const string AnthropicModel = "anthropic:claude-test";

    /// <summary>Every wait of the decorators is five minutes (the call limit) or a retry's.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromMinutes(5);

    public static IAgentModelProvider OpenAI(LoopbackServer server, TimeProvider clock) => ModelProviderFactory.Create(
        Settings(OpenAIModel, clock) with { OpenAI = ProviderSettings.OpenAIDefaults with { BaseUrl = server.Url("v1") } },
        scriptPath: null);

    public static IAgentModelProvider Anthropic(LoopbackServer server, TimeProvider clock) => ModelProviderFactory.Create(
        Settings(AnthropicModel, clock) with { Anthropic = ProviderSettings.AnthropicDefaults with { BaseUrl = server.BaseAddress } },
        scriptPath: null);

    /// <summary>The retry waits a clock saw, leaving out the call limits.</summary>
    public static IEnumerable<TimeSpan> RetryWaits(ManualTimeProvider clock) => clock.Requested.Where(d => d != CallTimeout);

    private static ModelSettings Settings(string model, TimeProvider clock) => new()
    {
        Models = [model],
        CallTimeout = CallTimeout,
        Time = clock,
        Random = new FixedRandom(0),
        GetEnvironmentVariable = name => name switch
        {
            "OPENAI_API_KEY" => OpenAIKey,
            "ANTHROPIC_API_KEY" => AnthropicKey,
            _ => null,
        },
    };
}
