using System.ClientModel;
using System.ClientModel.Primitives;
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
internal sealed class OpenAIChatClient : WholeResponseChatClient
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

    protected override ChatClientMetadata Metadata => _metadata;

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<AIChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var result = await _client.CompleteChatAsync(OpenAIRequestMapper.ToMessages(messages), OpenAIRequestMapper.ToOptions(options), cancellationToken);
        return OpenAIResponseMapper.ToResponse(result.Value);
    }

    protected override object? FindService(Type serviceType) => serviceType == typeof(ChatClient) ? _client : null;
}
