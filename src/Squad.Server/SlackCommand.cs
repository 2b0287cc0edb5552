namespace Squad.Server;

/// <summary>A parsed <c>/squad</c> command: which one, and its argument when it takes one.</summary>
internal sealed record SlackCommand
{
    public required SlackCommandKind Kind { get; init; }

    public string? Argument { get; init; }

    /// <summary>Why a command was not understood, for the usage reply.</summary>
    public string? Problem { get; init; }
}
