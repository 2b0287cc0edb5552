namespace Squad.Cli;

/// <summary><c>squad doctor --json</c>.</summary>
internal sealed record DoctorDocument
{
    public required string Version { get; init; }

    public required IReadOnlyList<DoctorCheck> Checks { get; init; }

    /// <summary>What the command exits with: 0, or 11 without a sandbox.</summary>
    public required int ExitCode { get; init; }
}
