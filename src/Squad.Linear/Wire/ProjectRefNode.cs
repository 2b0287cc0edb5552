namespace Squad.Linear;

internal sealed record ProjectRefNode
{
    public required string Id { get; init; }

    public string Name { get; init; } = "";
}
