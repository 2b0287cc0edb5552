namespace Squad.Linear;

internal sealed record TeamNode
{
    public required string Id { get; init; }

    public string Key { get; init; } = "";
}
