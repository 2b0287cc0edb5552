namespace Squad.GitHub.Wire;

internal sealed record CreateStatusBody
{
    public required string State { get; init; }

    public required string Context { get; init; }

    public required string Description { get; init; }
}
