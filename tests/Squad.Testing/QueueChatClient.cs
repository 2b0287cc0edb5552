using Microsoft.Extensions.AI;

namespace Squad.Testing;

/// <summary>
/// A chat client that answers with queued responses, in order, and records every request it got
/// (a copy of the messages and the options), so tests can see exactly what the agent loop sent.
/// Asking past the last queued response throws <see cref="InvalidOperationException"/>.
/// </summary>
public sealed class QueueChatClient : IChatClient
{
    private readonly Lock gate = new();
    private readonly Queue<ChatResponse> responses = new();
    private readonly List<QueueChatRequest> requests = [];

    public QueueChatClient(params IEnumerable<ChatResponse> responses)
    {
        foreach (var response in responses)
        {
            this.responses.Enqueue(response);
        }
    }

    /// <summary>The requests received so far, oldest first.</summary>
    public IReadOnlyList<QueueChatRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return [.. requests];
            }
        }
    }

    public bool Disposed { get; private set; }

    /// <summary>Adds a response to the end of the queue.</summary>
    public QueueChatClient Enqueue(ChatResponse response)
    {
        lock (gate)
        {
            responses.Enqueue(response);
        }

        return this;
    }

    /// <summary>An assistant answer with text only: the agent's final answer.</summary>
    public static ChatResponse Text(string text) => new(new ChatMessage(ChatRole.Assistant, text));

    /// <summary>An assistant answer that calls tools.</summary>
    public static ChatResponse Calls(params IEnumerable<FunctionCallContent> calls)
        => new(new ChatMessage(ChatRole.Assistant, [.. calls.Cast<AIContent>()]));

    /// <summary>One tool call with string arguments given as name/value pairs.</summary>
    public static FunctionCallContent Call(string callId, string tool, params (string Name, string Value)[] arguments)
        => new(callId, tool, arguments.ToDictionary(a => a.Name, a => (object?)a.Value, StringComparer.Ordinal));

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            requests.Add(new QueueChatRequest([.. messages], options));
            if (!responses.TryDequeue(out var response))
            {
                throw new InvalidOperationException($"QueueChatClient has no response left for request {requests.Count}");
            }

            return Task.FromResult(response);
        }
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
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
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;
    }

    public void Dispose() => Disposed = true;
}

/// <summary>One request a <see cref="QueueChatClient"/> received: the messages as they were at the time, and the options.</summary>
public sealed record QueueChatRequest(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options);
