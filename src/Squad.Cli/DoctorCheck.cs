namespace Squad.Cli;

/// <summary>One line of <c>squad doctor</c>.</summary>
internal sealed record DoctorCheck
{
    public required string Check { get; init; }

    /// <summary><c>ok</c>, <c>missing</c>, <c>on</c>, <c>off</c>, or empty for information.</summary>
    public required string Status { get; init; }

    public required string Detail { get; init; }
}
