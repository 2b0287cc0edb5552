namespace Squad.Benchmark;

/// <summary>The synthetic target repository as checked out.</summary>
internal sealed record RepositoryFigures
{
    public required int Files { get; init; }

    public required double Megabytes { get; init; }

    public required int Commits { get; init; }

    /// <summary>Its text in tokens, at one token per four characters.</summary>
    public required long Tokens { get; init; }
}
