namespace Squad.Cli;

/// <summary>What <c>--json</c> prints: the run, and each squad with its pull request's history.</summary>
internal sealed record StatusDocument
{
    public required RunDto Run { get; init; }

    public required IReadOnlyList<SquadDto> Squads { get; init; }
}
