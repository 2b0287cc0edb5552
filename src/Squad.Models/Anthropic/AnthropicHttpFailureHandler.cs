namespace Squad.Models.Anthropic;

/// <summary>
/// Turns a failed Anthropic response into a <see cref="ModelHttpException"/> before the SDK sees it: the SDK
/// builds its exceptions from the status and body alone, and the retry needs the <c>Retry-After</c> header too.
/// </summary>
internal sealed class AnthropicHttpFailureHandler(TimeProvider timeProvider) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var status = (int)response.StatusCode;
            throw new ModelHttpException($"HTTP {status}")
            {
                StatusCode = status,
                RetryAfter = RetryAfterOf(response),
                ApiMessage = ModelErrorBody.Message(body),
            };
        }
    }

    private TimeSpan? RetryAfterOf(HttpResponseMessage response)
        => response.Headers.TryGetValues(RetryAfterHeader.Name, out var values)
            ? RetryAfterHeader.Parse(values.FirstOrDefault(), timeProvider.GetUtcNow())
            : null;
}
