using Microsoft.Extensions.AI;

namespace Squad.Models.Tests.Retry;

/// <summary>Throws the given exceptions on its first calls, then answers "ok"; counts the calls.</summary>
internal sealed class FlakyChatClient(params Exception[] failures) : IChatClient
{
    private readonly Queue<Exception> _failures = new(failures);

    public int Calls { get; private set; }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls++;
        return _failures.TryDequeue(out var failure)
            ? Task.FromException<ChatResponse>(failure)
            : Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
