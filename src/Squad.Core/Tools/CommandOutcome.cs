namespace Squad.Core.Tools;

public sealed record CommandOutcome
{
    public required string Name { get; init; }

    public required int ExitCode { get; init; }

    /// <summary>Truncated and redacted output.</summary>
    public required string Output { get; init; }

    /// <summary>The whole redacted output (the sandbox keeps at most its limit), for tools that page through it.</summary>
    public string FullOutput { get; init; } = "";

    public required TimeSpan Duration { get; init; }

    public bool Succeeded => ExitCode == 0;
}
