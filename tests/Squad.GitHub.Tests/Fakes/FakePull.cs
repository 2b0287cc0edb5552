namespace Squad.GitHub.Tests.Fakes;

public sealed class FakePull
{
    public required int Number { get; init; }

    public required string Title { get; init; }

    public required string Body { get; init; }

    public required string Head { get; init; }

    public required string Base { get; init; }

    public required string Author { get; init; }

    public string State { get; set; } = "open";

    public string? HeadShaWhenClosed { get; set; }

    public string? MergeCommitSha { get; set; }

    public DateTimeOffset? MergedAt { get; set; }

    /// <summary>How many reads still answer <c>mergeable: null</c>, as while GitHub computes it.</summary>
    public int MergeableUnknownReads { get; set; }

    /// <summary>When set, a merge answers 405 with this message.</summary>
    public string? RefuseMerge { get; set; }
}
