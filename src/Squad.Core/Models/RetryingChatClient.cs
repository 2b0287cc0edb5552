using Microsoft.Extensions.AI;

namespace Squad.Core.Models;

/// <summary>
/// Retries a model call that failed for a passing reason (HTTP 429, a 5xx, no connection) with exponential
/// backoff and jitter, waiting exactly as long as a <c>Retry-After</c> asks; any other failure, or the last
/// one, becomes a <see cref="SquadException"/> with <see cref="SquadErrorCode.Model"/> and a message without
/// secrets. The provider's SDK must not retry on its own: this is the only retry.
/// </summary>
/// <param name="innerClient">The provider's client.</param>
/// <param name="provider">The provider's name for messages (<c>openai</c>).</param>
/// <param name="model">The model's name for messages (<c>gpt-4.1</c>).</param>
/// <param name="classify">Tells a provider failure from anything else (null: not a provider failure, rethrown as is).</param>
/// <param name="timeProvider">The clock the waits run on.</param>
/// <param name="random">The source of jitter; shared, so sampled under a lock.</param>
/// <param name="policy">Attempts and backoff; <see cref="ModelRetryPolicy.Default"/> when null.</param>
public sealed class RetryingChatClient(
    IChatClient innerClient,
    string provider,
    string model,
    Func<Exception, ModelFailure?> classify,
    TimeProvider timeProvider,
    Random random,
    ModelRetryPolicy? policy = null) : DelegatingChatClient(innerClient)
{
    private readonly ModelRetryPolicy policy = policy ?? ModelRetryPolicy.Default;

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        // The same messages go out on every attempt.
        IReadOnlyList<ChatMessage> conversation = [.. messages];
        for (var attempt = 1; ; attempt++)
        {
            ModelFailure failure;
            try
            {
                return await base.GetResponseAsync(conversation, options, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && classify(ex) is { } classified)
            {
                failure = classified;
            }

            var delay = DelayBeforeRetry(failure, attempt);
            if (delay is null)
            {
                throw Failed(failure, attempt);
            }

            await Task.Delay(delay.Value, timeProvider, cancellationToken);
        }
    }

    // A response streamed in part cannot be taken back, so streaming is not retried; the agent loop does not stream.
    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => base.GetStreamingResponseAsync(messages, options, cancellationToken);

    private TimeSpan? DelayBeforeRetry(ModelFailure failure, int attempt)
    {
        if (failure.Kind != ModelFailureKind.Transient || attempt >= policy.MaxAttempts)
        {
            return null;
        }

        if (failure.RetryAfter is { } retryAfter)
        {
            return retryAfter <= policy.MaxDelay ? TimeSpan.FromTicks(Math.Max(0, retryAfter.Ticks)) : null;
        }

        double sample;
        lock (random)
        {
            sample = random.NextDouble();
        }

        return policy.BackoffFor(attempt, sample);
    }

    private SquadException Failed(ModelFailure failure, int attempts)
    {
        if (failure.Kind == ModelFailureKind.Malformed)
        {
            return new SquadException(SquadErrorCode.Model, $"{provider} answered with a malformed body: {failure.Detail}");
        }

        if (failure.Kind == ModelFailureKind.ContextOverflow)
        {
            return new SquadException(SquadErrorCode.ContextOverflow, $"{provider} {model} refused a request longer than its context window: {failure.Detail}");
        }

        var message = $"{provider} {model} failed: {failure.Detail}";
        if (failure.Kind == ModelFailureKind.Transient && failure.RetryAfter > policy.MaxDelay)
        {
            message += $" (it asked to retry after {failure.RetryAfter.Value.TotalSeconds:0} s, more than the {policy.MaxDelay.TotalSeconds:0} s Squad waits)";
        }
        else if (attempts > 1)
        {
            message += $" (after {attempts} attempts)";
        }

        return new SquadException(SquadErrorCode.Model, message);
    }
}
