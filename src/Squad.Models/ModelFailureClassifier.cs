using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using Anthropic.Exceptions;
using Squad.Core.Models;
using Squad.Core.Security;

namespace Squad.Models;

/// <summary>
/// The one place that tells what a provider SDK's exception means: the status, whether another try may help,
/// how long the provider asked to wait, and a one-line detail with every secret removed. Anything else (a bug,
/// a cancellation) is not a provider failure and is left alone.
/// </summary>
internal sealed class ModelFailureClassifier(TimeProvider timeProvider, SecretRedactor redactor)
{
    public ModelFailure? Classify(Exception exception) => exception switch
    {
        OperationCanceledException => null,
        ModelHttpException http => FromStatus(http.StatusCode, http.ApiMessage, http.RetryAfter),
        ClientResultException { Status: > 0 } result => FromClientResult(result),
        ClientResultException result => NoAnswer(result.InnerException as HttpRequestException),
        AnthropicApiException api => FromStatus((int)api.StatusCode, ModelErrorBody.Message(api.ResponseBody), retryAfter: null),
        AnthropicIOException io => NoAnswer(io.InnerException),
        HttpRequestException { StatusCode: { } status } => FromStatus((int)status, apiMessage: null, retryAfter: null),
        HttpRequestException http => NoAnswer(http),
        JsonException or AnthropicInvalidDataException or MalformedResponseException => new ModelFailure
        {
            Kind = ModelFailureKind.Malformed,
            Detail = redactor.Redact(exception.Message.ReplaceLineEndings(" ")),
        },
        _ => null,
    };

    /// <summary>429 and 5xx may pass; any other status will not.</summary>
    public static bool IsTransient(int statusCode) => statusCode is 429 or >= 500 and <= 599;

    private ModelFailure FromClientResult(ClientResultException result)
    {
        var response = result.GetRawResponse();
        string? retryAfter = null;
        response?.Headers.TryGetValue(RetryAfterHeader.Name, out retryAfter);
        return FromStatus(result.Status, ModelErrorBody.Message(BodyOf(response)), RetryAfterHeader.Parse(retryAfter, timeProvider.GetUtcNow()));
    }

    /// <summary>
    /// How OpenAI (<c>maximum context length is …</c>, code <c>context_length_exceeded</c>), Anthropic (<c>prompt is too
    /// long</c>) and compatible servers say a request does not fit the context window, on a 400 or 413.
    /// </summary>
    public static bool IsContextOverflow(int statusCode, string? apiMessage)
        => statusCode is 400 or 413 && apiMessage is not null
            && (apiMessage.Contains("context length", StringComparison.OrdinalIgnoreCase)
                || apiMessage.Contains("context_length_exceeded", StringComparison.OrdinalIgnoreCase)
                || apiMessage.Contains("context window", StringComparison.OrdinalIgnoreCase)
                || apiMessage.Contains("prompt is too long", StringComparison.OrdinalIgnoreCase));

    private ModelFailure FromStatus(int statusCode, string? apiMessage, TimeSpan? retryAfter) => new()
    {
        Kind = IsTransient(statusCode) ? ModelFailureKind.Transient
            : IsContextOverflow(statusCode, apiMessage) ? ModelFailureKind.ContextOverflow
            : ModelFailureKind.Permanent,
        StatusCode = statusCode,
        RetryAfter = retryAfter,
        Detail = redactor.Redact(apiMessage is null ? $"HTTP {statusCode}" : $"HTTP {statusCode}: {apiMessage}"),
    };

    private static ModelFailure NoAnswer(HttpRequestException? exception) => new()
    {
        Kind = ModelFailureKind.Transient,
        Detail = exception is null ? "no answer" : $"no answer ({exception.HttpRequestError})",
    };

    private static string? BodyOf(PipelineResponse? response)
    {
        try
        {
            return response?.Content.ToString();
        }
        catch (InvalidOperationException)
        {
            // The body was streamed and not kept: the status says enough.
            return null;
        }
    }
}
