using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Squad.Core.Models;

/// <summary>
/// Gives each model call a time limit (retries included, when it wraps the retry decorator). Running out
/// becomes a <see cref="SquadException"/> with <see cref="SquadErrorCode.Model"/>; the caller's own
/// cancellation stays an <see cref="OperationCanceledException"/>, so Ctrl+C still reads as Ctrl+C.
/// </summary>
/// <param name="innerClient">The client to limit.</param>
/// <param name="provider">The provider's name for the message (<c>openai</c>).</param>
/// <param name="timeout">The limit per call; <see cref="DefaultTimeout"/> when null.</param>
/// <param name="timeProvider">The clock the limit runs on.</param>
public sealed class TimeoutChatClient(IChatClient innerClient, string provider, TimeSpan? timeout, TimeProvider timeProvider)
    : DelegatingChatClient(innerClient)
{
    /// <summary>Five minutes: long enough for a large answer from a slow model, short enough to notice a hung call.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    private readonly TimeSpan timeout = timeout ?? DefaultTimeout;

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var limit = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        try
        {
            return await base.GetResponseAsync(messages, options, linked.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Our limit, or a time limit of the SDK below us: either way the caller did not ask to stop.
            throw TimedOut(ex);
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var limit = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        await using var updates = base.GetStreamingResponseAsync(messages, options, linked.Token).GetAsyncEnumerator(linked.Token);
        while (true)
        {
            try
            {
                if (!await updates.MoveNextAsync())
                {
                    yield break;
                }
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw TimedOut(ex);
            }

            yield return updates.Current;
        }
    }

    private SquadException TimedOut(OperationCanceledException ex)
        => new(SquadErrorCode.Model, $"{provider} call timed out after {timeout.TotalSeconds:0} s", ex);
}
