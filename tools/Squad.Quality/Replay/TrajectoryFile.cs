namespace Squad.Quality.Replay;

/// <summary>A vendored extract of a published trajectory: where it comes from, under which licence, and its actions verbatim.</summary>
internal sealed record TrajectoryFile
{
    public required string Source { get; init; }

    public required string Path { get; init; }

    public required string Commit { get; init; }

    public required string Licence { get; init; }

    public required string Extract { get; init; }

    public required IReadOnlyList<string> Actions { get; init; }
}
