namespace Squad.Cli;

/// <summary>What <c>squad sweep --json</c> prints: the sweeps it ran, in order (one when a name was given).</summary>
internal sealed record SweepsDocument
{
    public required IReadOnlyList<SweepDocument> Sweeps { get; init; }
}
