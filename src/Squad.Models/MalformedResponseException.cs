namespace Squad.Models;

/// <summary>A provider answered with success, but not with a body its wire format allows (no choices, say).</summary>
internal sealed class MalformedResponseException : Exception
{
    public MalformedResponseException()
    {
    }

    public MalformedResponseException(string message)
        : base(message)
    {
    }

    public MalformedResponseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
