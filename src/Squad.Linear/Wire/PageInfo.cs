namespace Squad.Linear;

internal sealed record PageInfo
{
    public bool HasNextPage { get; init; }

    public string? EndCursor { get; init; }
}
