namespace Squad.Core.Tools;

/// <summary>A tool refused or failed in an expected way; its message goes back to the model as the tool's result.</summary>
public sealed class ToolException : Exception
{
    public ToolException(string message)
        : base(message)
    {
    }

    public ToolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ToolException()
    {
    }
}
