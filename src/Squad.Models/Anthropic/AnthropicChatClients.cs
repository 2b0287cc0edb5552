using Anthropic;
using Anthropic.Core;
using Microsoft.Extensions.AI;

namespace Squad.Models.Anthropic;

/// <summary>
/// Builds the Anthropic SDK's own <see cref="IChatClient"/>, with its retries off, our failure handler in its HTTP pipeline,
/// and prompt-cache breakpoints on every request (<see cref="PromptCacheChatClient"/>).
/// </summary>
internal static class AnthropicChatClients
{
    /// <summary>Anthropic's own endpoint. Always given to the SDK, which would otherwise read the environment itself.</summary>
    public static readonly Uri DefaultBaseUrl = new("https://api.anthropic.com");

    /// <summary>Long enough for a whole file in one <c>write_file</c> call.</summary>
    public const int DefaultMaxOutputTokens = 8192;

    /// <param name="model">The model name (<c>claude-sonnet-4-5</c>).</param>
    /// <param name="apiKey">The key, read from the environment by the caller.</param>
    /// <param name="baseUrl">Another endpoint than Anthropic's own, such as a proxy.</param>
    /// <param name="maxOutputTokens">The answer's token limit: the messages API requires one.</param>
    /// <param name="timeout">The SDK's own limit per HTTP call; ours runs on top of it.</param>
    /// <param name="timeProvider">The clock an HTTP-date <c>Retry-After</c> is read against.</param>
    public static IChatClient Create(string model, string apiKey, Uri? baseUrl, int maxOutputTokens, TimeSpan timeout, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentException.ThrowIfNullOrEmpty(apiKey);
#pragma warning disable CA2000 // The HttpClient owns the handler chain, and the SDK client owns the HttpClient.
        var handler = new AnthropicHttpFailureHandler(timeProvider) { InnerHandler = new SocketsHttpHandler() };
        var options = new ClientOptions
        {
            ApiKey = apiKey,
            AuthToken = null,
            BaseUrl = (baseUrl ?? DefaultBaseUrl).ToString().TrimEnd('/'),
            MaxRetries = 0,
            Timeout = timeout,
            HttpClient = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan },
        };
#pragma warning restore CA2000
        return new PromptCacheChatClient(new AnthropicClient(options).AsIChatClient(model, maxOutputTokens));
    }
}
