using System.ClientModel;
using System.Net;
using System.Text.Json;
using Anthropic.Exceptions;
using Squad.Core.Models;
using Squad.Core.Security;
using Squad.Testing;

namespace Squad.Models.Tests.Retry;

public sealed class ModelFailureClassifierTests
{
    private const string Key = "sk-test0classifier0key0abcdefgh";
    private readonly ModelFailureClassifier classifier = new(new FakeTimeProvider(), new SecretRedactor([Key]));

    [Theory]
    [InlineData(429, ModelFailureKind.Transient)]
    [InlineData(500, ModelFailureKind.Transient)]
    [InlineData(503, ModelFailureKind.Transient)]
    [InlineData(529, ModelFailureKind.Transient)]
    [InlineData(400, ModelFailureKind.Permanent)]
    [InlineData(401, ModelFailureKind.Permanent)]
    [InlineData(404, ModelFailureKind.Permanent)]
    public void Classify_HttpRequestExceptionWithStatus_IsTransientOnlyFor429And5xx(int status, ModelFailureKind kind)
    {
        var failure = classifier.Classify(new HttpRequestException("failed", null, (HttpStatusCode)status));

        Assert.Equal((kind, status, $"HTTP {status}"), (failure!.Kind, failure.StatusCode, failure.Detail));
    }

    [Fact]
    public void Classify_ConnectionRefused_IsTransientWithoutStatus()
    {
        var failure = classifier.Classify(new HttpRequestException(HttpRequestError.ConnectionError, "refused"));

        Assert.Equal((ModelFailureKind.Transient, (int?)null, "no answer (ConnectionError)"), (failure!.Kind, failure.StatusCode, failure.Detail));
    }

    [Fact]
    public void Classify_ClientResultWithoutResponse_IsTransientNoAnswer()
    {
        var failure = classifier.Classify(new ClientResultException("boom", null, new HttpRequestException(HttpRequestError.NameResolutionError, "dns")));

        Assert.Equal((ModelFailureKind.Transient, "no answer (NameResolutionError)"), (failure!.Kind, failure.Detail));
    }

    [Fact]
    public void Classify_OurHttpException_KeepsRetryAfterAndTheApiMessage()
    {
        var failure = classifier.Classify(new ModelHttpException("HTTP 429") { StatusCode = 429, RetryAfter = TimeSpan.FromSeconds(7), ApiMessage = "slow down" });

        Assert.Equal(new ModelFailure { Kind = ModelFailureKind.Transient, StatusCode = 429, RetryAfter = TimeSpan.FromSeconds(7), Detail = "HTTP 429: slow down" }, failure);
    }

    [Fact]
    public void Classify_AnthropicApiException_ReadsStatusAndErrorMessage()
    {
        var exception = new AnthropicRateLimitException(new HttpRequestException())
        {
            StatusCode = HttpStatusCode.TooManyRequests,
            ResponseBody = AnthropicWire.ErrorBody("Number of requests has exceeded your rate limit", "rate_limit_error"),
        };

        var failure = classifier.Classify(exception);

        Assert.Equal((ModelFailureKind.Transient, 429, "HTTP 429: Number of requests has exceeded your rate limit"), (failure!.Kind, failure.StatusCode, failure.Detail));
    }

    [Theory]
    [InlineData(400, "This model's maximum context length is 128000 tokens. However, your messages resulted in 131072 tokens.", ModelFailureKind.ContextOverflow)]
    [InlineData(400, "prompt is too long: 210345 tokens > 200000 maximum", ModelFailureKind.ContextOverflow)]
    [InlineData(413, "context_length_exceeded", ModelFailureKind.ContextOverflow)]
    [InlineData(400, "tools.0.name: String should match pattern", ModelFailureKind.Permanent)]
    [InlineData(429, "prompt is too long", ModelFailureKind.Transient)]
    public void Classify_ContextWindowRefusals_AreTheirOwnKind(int status, string message, ModelFailureKind kind)
    {
        var failure = classifier.Classify(new ModelHttpException($"HTTP {status}") { StatusCode = status, ApiMessage = message });

        Assert.Equal(kind, failure!.Kind);
    }

    [Fact]
    public void Classify_ErrorMessageHoldingTheKey_IsRedacted()
    {
        var failure = classifier.Classify(new ModelHttpException("HTTP 401") { StatusCode = 401, ApiMessage = $"Incorrect API key provided: {Key}" });

        Assert.Equal("HTTP 401: Incorrect API key provided: [REDACTED]", failure!.Detail);
    }

    [Fact]
    public void Classify_UnreadableJson_IsMalformed()
    {
        JsonException parseError;
        try
        {
            JsonDocument.Parse("this is not json").Dispose();
            throw new InvalidOperationException("the parse should have failed");
        }
        catch (JsonException ex)
        {
            parseError = ex;
        }

        var failure = classifier.Classify(parseError);

        Assert.Equal(ModelFailureKind.Malformed, failure!.Kind);
        Assert.Contains("invalid JSON", failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_MalformedResponse_IsMalformedWithItsMessage()
        => Assert.Equal(
            new ModelFailure { Kind = ModelFailureKind.Malformed, Detail = "the completion has no choices" },
            classifier.Classify(new MalformedResponseException("the completion has no choices")));

    [Fact]
    public void Classify_Cancellation_IsNotAProviderFailure()
        => Assert.Null(classifier.Classify(new TaskCanceledException()));

    [Fact]
    public void Classify_OurOwnBug_IsNotAProviderFailure()
        => Assert.Null(classifier.Classify(new InvalidOperationException("a bug")));
}
