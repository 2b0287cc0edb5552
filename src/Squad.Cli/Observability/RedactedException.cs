namespace Squad.Cli.Observability;

/// <summary>An exception as a log shows it once its text has been redacted: the original type's name and its redacted text.</summary>
internal sealed class RedactedException(string typeName, string text) : Exception(text)
{
    public string TypeName { get; } = typeName;

    public override string ToString() => Message;

    public override string? StackTrace => null;
}
