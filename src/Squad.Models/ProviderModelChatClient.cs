using Microsoft.Extensions.AI;

namespace Squad.Models;

/// <summary>
/// Sends the provider's own model name. The agent loop names models as Squad does (<c>anthropic:claude-sonnet-4-5</c>),
/// and an SDK adapter would pass that on as the model to use.
/// </summary>
internal sealed class ProviderModelChatClient(IChatClient innerClient, string model) : DelegatingChatClient(innerClient)
{
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => base.GetResponseAsync(messages, WithModel(options), cancellationToken);

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => base.GetStreamingResponseAsync(messages, WithModel(options), cancellationToken);

    private ChatOptions WithModel(ChatOptions? options)
    {
        var copy = options?.Clone() ?? new ChatOptions();
        copy.ModelId = model;
        return copy;
    }
}
