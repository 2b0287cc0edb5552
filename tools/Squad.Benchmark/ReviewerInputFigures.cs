namespace Squad.Benchmark;

/// <summary>Figure 4: a reviewer's median input against the whole repository.</summary>
internal sealed record ReviewerInputFigures
{
    public required string Role { get; init; }

    public required double MedianTokens { get; init; }

    public required long RepositoryTokens { get; init; }

    public required double PercentOfRepository { get; init; }
}
