using System.ClientModel;
using System.ClientModel.Primitives;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using AIChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace Squad.Models.OpenAI;

/// <summary>
/// An <see cref="IChatClient"/> over the OpenAI SDK's chat completions client, for any endpoint that speaks
/// that wire format (OpenAI, Azure OpenAI's v1 endpoint, Ollama, vLLM, LM Studio, OpenRouter). The SDK neither
/// retries nor times out on its own here: the decorators around this client do both.
/// </summary>
internal sealed class OpenAIChatClient : IChatClient
{
    /// <summary>OpenAI's own endpoint, used when none is configured.</summary>
    public static readonly Uri DefaultEndpoint = new("https://api.openai.com/v1");

    private readonly ChatClient _client;
    private readonly ChatClientMetadata _metadata;

    public OpenAIChatClient(string model, string apiKey, Uri? endpoint)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentException.ThrowIfNullOrEmpty(apiKey);
        var options = new OpenAIClientOptions
        {
            Endpoint = endpoint ?? DefaultEndpoint,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = Timeout.InfiniteTimeSpan,
        };
        _client = new ChatClient(model, new ApiKeyCredential(apiKey), options);
        _metadata = new ChatClientMetadata("openai", options.Endpoint, model);
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<AIChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var result = await _client.CompleteChatAsync(OpenAIRequestMapper.ToMessages(messages), OpenAIRequestMapper.ToOptions(options), cancellationToken);
        return OpenAIResponseMapper.ToResponse(result.Value);
    }

    // The agent loop does not stream: a streamed call is the whole answer, replayed as updates.
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<AIChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        return serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType == typeof(ChatClient) ? _client
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        // The SDK's client holds no resources of its own: its HTTP pipeline is shared.
    }
}
