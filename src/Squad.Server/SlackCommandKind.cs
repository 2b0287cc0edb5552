namespace Squad.Server;

/// <summary>The sub-commands of <c>/squad</c>.</summary>
internal enum SlackCommandKind
{
    Usage,
    Help,
    Run,
    Status,
    Stop,
    Fix,
}
