namespace Squad.Models;

/// <summary>
/// A provider answered with an error status. Raised by our own HTTP handler where an SDK would otherwise
/// drop what the retry needs (the Anthropic SDK keeps the status and body of a failure, not its headers).
/// </summary>
internal sealed class ModelHttpException : Exception
{
    public ModelHttpException()
    {
    }

    public ModelHttpException(string message)
        : base(message)
    {
    }

    public ModelHttpException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public required int StatusCode { get; init; }

    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The provider's error message (<c>error.message</c>), if it sent one.</summary>
    public string? ApiMessage { get; init; }
}
