namespace Squad.Core.Git;

/// <summary>The result of a finished child process.</summary>
public sealed record ProcessResult
{
    public required int ExitCode { get; init; }

    public required string StandardOutput { get; init; }

    public required string StandardError { get; init; }

    /// <summary>Standard output as the bytes the child wrote, when they were asked for (<see cref="StandardOutput"/> is empty then).</summary>
    public byte[]? OutputBytes { get; init; }

    public required TimeSpan Duration { get; init; }

    public bool TimedOut { get; init; }

    public bool Succeeded => ExitCode == 0 && !TimedOut;

    /// <summary>Standard output and error together, as a person would read them.</summary>
    public string Combined => string.IsNullOrEmpty(StandardError)
        ? StandardOutput
        : string.IsNullOrEmpty(StandardOutput) ? StandardError : StandardOutput + "\n" + StandardError;
}
