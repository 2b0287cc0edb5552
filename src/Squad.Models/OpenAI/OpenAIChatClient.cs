using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using AIChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace Squad.Models.OpenAI;

/// <summary>
/// An <see cref="IChatClient"/> over the OpenAI SDK's chat completions client through Microsoft.Extensions.AI.OpenAI
/// (<c>AsIChatClient</c>), for any endpoint that speaks that wire format (OpenAI, Azure OpenAI's v1 endpoint, Ollama,
/// vLLM, LM Studio, OpenRouter). The SDK neither retries nor times out on its own here: the decorators around this
/// client do both. What it adds to the SDK's mapping is one clear error for an answer that is not a completion.
/// </summary>
internal sealed class OpenAIChatClient : WholeResponseChatClient
{
    /// <summary>OpenAI's own endpoint, used when none is configured.</summary>
    public static readonly Uri DefaultEndpoint = new("https://api.openai.com/v1");

    private readonly ChatClient _client;
    private readonly IChatClient _inner;
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
        _inner = _client.AsIChatClient();
        _metadata = new ChatClientMetadata("openai", options.Endpoint, model);
    }

    protected override ChatClientMetadata Metadata => _metadata;

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<AIChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        try
        {
            return await _inner.GetResponseAsync(messages, options, cancellationToken);
        }
        catch (ArgumentOutOfRangeException ex) when (ex.ParamName == "index")
        {
            // The SDK reads the first choice of the body; a body without one is not a completion.
            throw new MalformedResponseException("the completion has no choices", ex);
        }
    }

    protected override object? FindService(Type serviceType) => serviceType == typeof(ChatClient) ? _client : null;
}
