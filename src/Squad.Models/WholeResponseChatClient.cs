using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Squad.Models;

/// <summary>
/// A chat client that answers each request whole. The agent loop does not stream: a streamed call is the whole answer,
/// replayed as updates. It serves its <see cref="ChatClientMetadata"/> and itself through <see cref="GetService"/>.
/// </summary>
public abstract class WholeResponseChatClient : IChatClient
{
    /// <summary>The provider, endpoint and model this client answers for.</summary>
    protected abstract ChatClientMetadata Metadata { get; }

    public abstract Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
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
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? Metadata
            : FindService(serviceType) ?? (serviceType.IsInstanceOfType(this) ? this : null);
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Another service this client offers (the SDK client it wraps), or null.</summary>
    protected virtual object? FindService(Type serviceType) => null;

    /// <summary>Releases what the client owns; the shipped clients own nothing.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}
