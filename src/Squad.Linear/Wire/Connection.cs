namespace Squad.Linear;

/// <summary>A Relay connection page.</summary>
internal sealed record Connection<T>
{
    public IReadOnlyList<T> Nodes { get; init; } = [];

    public PageInfo PageInfo { get; init; } = new();
}
